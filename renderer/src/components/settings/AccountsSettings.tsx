// 设置 › 账号阵地: the hospital's own accounts and work groups, 谁建立谁负责 — warnings for a missing responsible
// person and for registration later than 30 days after creation.
import { invoke } from '../../api'
import { useRegistryEditor } from './registry-editor'
import { ConfirmDialog } from '../ConfirmDialog'
import { useQuery } from '../../hooks'
import { Field } from '../Field'
import { DateInput } from '../DateInput'
import { ACCOUNT_PLATFORMS, ACCOUNT_STATUSES, type Account } from '../../../../shared/contract/registries'
import type { Profile } from '../../../../shared/contract/app'

const T = {
  title: '账号阵地',
  lead: '本院的公众号、视频号、微博、抖音、网站，以及 QQ 群、微信工作群。按“谁建立谁负责”登记负责人，建立后 30 天内登记。',
  platform: '平台',
  name: '账号/群名称',
  department: '主管科室',
  owner: '负责人',
  noOwner: '未指定',
  createdDate: '建立日期',
  registeredDate: '登记日期',
  status: '状态',
  warnings: '提示',
  add: '登记账号',
  edit: '修改',
  remove: '删除',
  save: '保存',
  cancel: '取消',
  removeTitle: '删除账号登记',
  confirm: (n: string) => `删除账号“${n}”的登记？已登记的稿件不受影响，删除后可立即撤销。`,
  removed: (n: string) => `已删除账号“${n}”的登记`,
  problems: (n: number) => `${n} 个账号需要处理`
}

type Draft = { id?: number; platform: Account['platform']; name: string; department: string; owner: string; createdDate: string; registeredDate: string; status: Account['status'] }
const blank: Draft = { platform: '公众号', name: '', department: '', owner: '', createdDate: '', registeredDate: '', status: '在用' }

export function AccountsSettings({ profile }: { profile: Profile }) {
  const list = useQuery('account-list', {})
  const { draft, setDraft, error, errs, save, ask, removing, removeError, cancelRemove, confirmRemove } = useRegistryEditor<Draft, Account>({
    blank,
    save: (d) => invoke('account-save', { ...d, createdDate: d.createdDate || null, registeredDate: d.registeredDate || null }),
    remove: (a) => invoke('account-delete', { id: a.id }),
    restore: (a) => invoke('account-restore', { id: a.id }),
    removed: T.removed
  })
  const set = (k: keyof Draft, v: string) => setDraft({ ...draft, [k]: v })

  const flagged = (list.data ?? []).filter((a) => a.warnings.length).length
  return (
    <section className="card" aria-label={T.title}>
      <h2>{T.title}{flagged > 0 && <span className="badge hot">{T.problems(flagged)}</span>}</h2>
      <p className="muted small">{T.lead}</p>
      <form className="inline-form" aria-label={draft.id ? T.edit : T.add} onSubmit={(e) => (e.preventDefault(), void save())}>
        <Field label={T.platform} name="platform" error={errs.platform}>
          <select value={draft.platform} onChange={(e) => set('platform', e.target.value)}>
            {ACCOUNT_PLATFORMS.map((p) => <option key={p}>{p}</option>)}
          </select>
        </Field>
        <Field label={T.name} name="name" error={errs.name}>
          <input value={draft.name} onChange={(e) => set('name', e.target.value)} />
        </Field>
        <Field label={T.department} name="department" error={errs.department}>
          <input list="acc-departments" value={draft.department} onChange={(e) => set('department', e.target.value)} />
          <datalist id="acc-departments">{profile.departments.map((d) => <option key={d} value={d} />)}</datalist>
        </Field>
        <Field label={T.owner} name="owner" error={errs.owner}>
          <input value={draft.owner} onChange={(e) => set('owner', e.target.value)} />
        </Field>
        <Field label={T.createdDate} name="createdDate" error={errs.createdDate}>
          <DateInput label={T.createdDate} value={draft.createdDate} onChange={(d) => set('createdDate', d)} />
        </Field>
        <Field label={T.registeredDate} name="registeredDate" error={errs.registeredDate}>
          <DateInput label={T.registeredDate} value={draft.registeredDate} onChange={(d) => set('registeredDate', d)} />
        </Field>
        <Field label={T.status} name="status" error={errs.status}>
          <select value={draft.status} onChange={(e) => set('status', e.target.value)}>
            {ACCOUNT_STATUSES.map((s) => <option key={s}>{s}</option>)}
          </select>
        </Field>
        <div className="actions">
          <button type="submit" className="primary">{draft.id ? T.save : T.add}</button>
          {draft.id && <button type="button" onClick={() => setDraft(blank)}>{T.cancel}</button>}
        </div>
      </form>
      {error && !Object.keys(errs).length && <div className="form-error" role="alert">{error.message}</div>}
      <table className="table settings-table">
        <thead>
          <tr><th>{T.platform}</th><th>{T.name}</th><th className="nowrap">{T.department}</th><th>{T.owner}</th><th>{T.createdDate}</th><th>{T.registeredDate}</th><th>{T.status}</th><th>{T.warnings}</th><th /></tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((a) => (
            <tr key={a.id} className={a.warnings.length ? 'warned' : ''}>
              <td className="nowrap">{a.platform}</td>
              <td>{a.name}</td>
              <td className="nowrap">{a.department}</td>
              <td className="nowrap">{a.owner || <span className="overdue">{T.noOwner}</span>}</td>
              <td className="nowrap">{a.createdDate ?? ''}</td>
              <td className="nowrap">{a.registeredDate ?? ''}</td>
              <td className="nowrap">{a.status}</td>
              <td className="overdue small">{a.warnings.join('；')}</td>
              <td className="nowrap">
                <button className="link" onClick={() => setDraft({ ...a, createdDate: a.createdDate ?? '', registeredDate: a.registeredDate ?? '' })}>{T.edit}</button>{' '}
                <button className="link" onClick={() => ask(a)}>{T.remove}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {removing && (
        <ConfirmDialog title={T.removeTitle} yes={T.remove} error={removeError} onYes={() => void confirmRemove()} onNo={cancelRemove}>
          <p>{T.confirm(removing.name)}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
