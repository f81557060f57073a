// 设置 › 媒体: the outlets pieces are sent to, with level (for 录用 by level) and kind.
import { invoke } from '../../api'
import { useRegistryEditor } from './registry-editor'
import { ConfirmDialog } from '../ConfirmDialog'
import { useQuery } from '../../hooks'
import { Field } from '../Field'
import { OUTLET_LEVELS } from '../../../../shared/channels'
import { OUTLET_KINDS, type Outlet } from '../../../../shared/contract/registries'

const T = {
  title: '媒体名录',
  lead: '投稿和报送时从这里选择媒体或单位，级别自动带出，统计按级别汇总录用。',
  name: '媒体名称',
  level: '级别',
  kind: '类型',
  add: '添加媒体',
  edit: '修改',
  remove: '删除',
  save: '保存',
  cancel: '取消',
  removeTitle: '从媒体名录中删除',
  confirm: (n: string) => `从名录中删除“${n}”？已登记的稿件不受影响，删除后可立即撤销。`,
  removed: (n: string) => `已从名录中删除“${n}”`,
  empty: '名录为空。'
}

type Draft = { id?: number; name: string; level: Outlet['level']; kind: Outlet['kind'] }
const blank: Draft = { name: '', level: '县级', kind: '报纸' }

export function OutletsSettings() {
  const list = useQuery('outlet-list', {})
  const { draft, setDraft, error, errs, save, ask, removing, removeError, cancelRemove, confirmRemove } = useRegistryEditor<Draft, Outlet>({
    blank,
    save: (d) => invoke('outlet-save', d),
    remove: (o) => invoke('outlet-delete', { id: o.id }),
    restore: (o) => invoke('outlet-restore', { id: o.id }),
    removed: T.removed
  })

  return (
    <section className="card" aria-label={T.title}>
      <h2>{T.title}</h2>
      <p className="muted small">{T.lead}</p>
      <form className="inline-form" aria-label={draft.id ? T.edit : T.add} onSubmit={(e) => (e.preventDefault(), void save())}>
        <Field label={T.name} name="name" error={errs.name}>
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </Field>
        <Field label={T.level} name="level" error={errs.level}>
          <select value={draft.level} onChange={(e) => setDraft({ ...draft, level: e.target.value as Draft['level'] })}>
            {OUTLET_LEVELS.map((l) => <option key={l}>{l}</option>)}
          </select>
        </Field>
        <Field label={T.kind} name="kind" error={errs.kind}>
          <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as Draft['kind'] })}>
            {OUTLET_KINDS.map((k) => <option key={k}>{k}</option>)}
          </select>
        </Field>
        <div className="actions">
          <button type="submit" className="primary">{draft.id ? T.save : T.add}</button>
          {draft.id && <button type="button" onClick={() => setDraft(blank)}>{T.cancel}</button>}
        </div>
      </form>
      {error && !Object.keys(errs).length && <div className="form-error" role="alert">{error.message}</div>}
      <table className="table settings-table">
        <thead><tr><th>{T.name}</th><th>{T.level}</th><th>{T.kind}</th><th /></tr></thead>
        <tbody>
          {(list.data ?? []).map((o) => (
            <tr key={o.id}>
              <td>{o.name}</td>
              <td>{o.level}</td>
              <td>{o.kind}</td>
              <td className="nowrap">
                <button className="link" onClick={() => setDraft({ id: o.id, name: o.name, level: o.level, kind: o.kind })}>{T.edit}</button>{' '}
                <button className="link" onClick={() => ask(o)}>{T.remove}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.length === 0 && <p className="muted">{T.empty}</p>}
      {removing && (
        <ConfirmDialog title={T.removeTitle} yes={T.remove} error={removeError} onYes={() => void confirmRemove()} onNo={cancelRemove}>
          <p>{T.confirm(removing.name)}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
