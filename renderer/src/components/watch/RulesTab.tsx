import { useState } from 'react'
import { invoke, fieldErrors } from '../../api'
import { useQuery } from '../../hooks'
import { useDirty } from '../../unsaved'
import { Field, splitList } from '../Field'
import type { DeskError } from '../../../../shared/contract'
import type { Rule } from '../../../../shared/contract/watch'

const T = {
  add: '添加监测规则',
  edit: '编辑监测规则',
  editBtn: '编辑',
  list: '监测规则列表',
  name: '规则名称',
  any: '任一词（出现其中任何一个即命中）',
  anyHint: '本院全称、简称、院领导姓名、科室名等，用顿号分隔',
  all: '全部词（还须同时出现这些词）',
  none: '排除词（出现则不算）',
  noneHint: '如：招聘、广告',
  save: '保存',
  cancel: '取消',
  enabled: '启用',
  disabled: '已停用',
  fromProfile: '来自医院信息',
  remove: '删除',
  confirm: '确认删除',
  intro: '标题或正文命中规则的条目会进入舆情收件箱。匹配时不分简繁体、全角半角和大小写。',
  empty: '还没有监测规则。',
  termsAny: '任一', termsAll: '全部', termsNone: '排除'
}

function RuleForm({ rule, onDone }: { rule?: Rule; onDone: () => void }) {
  const [name, setName] = useState(rule?.name ?? '')
  const [any, setAny] = useState(rule?.any.join('、') ?? '')
  const [all, setAll] = useState(rule?.all.join('、') ?? '')
  const [none, setNone] = useState(rule?.none.join('、') ?? '')
  const [error, setError] = useState<DeskError | null>(null)
  const errs = fieldErrors(error)
  const saved = useDirty({ name, any, all, none })
  return (
    <form className="card" aria-label={rule ? T.edit : T.add} onSubmit={async (e) => {
      e.preventDefault()
      const v = { name, any: splitList(any), all: splitList(all), none: splitList(none) }
      const r = rule ? await invoke('rule-update', { id: rule.id, ...v }) : await invoke('rule-create', v)
      if (!r.ok) return setError(r.error)
      saved()
      onDone()
    }}>
      <h2>{rule ? T.edit : T.add}</h2>
      <Field label={T.name} name="name" error={errs.name}><input value={name} maxLength={40} onChange={(e) => setName(e.target.value)} /></Field>
      <Field label={T.any} name="any" error={errs.any} hint={T.anyHint}><input value={any} onChange={(e) => setAny(e.target.value)} /></Field>
      <Field label={T.all} name="all" error={errs.all}><input value={all} onChange={(e) => setAll(e.target.value)} /></Field>
      <Field label={T.none} name="none" error={errs.none} hint={T.noneHint}><input value={none} onChange={(e) => setNone(e.target.value)} /></Field>
      {error && !Object.keys(errs).length && <div className="form-error">{error.message}</div>}
      <div className="actions">
        <button type="submit" className="primary">{T.save}</button>
        <button type="button" onClick={onDone}>{T.cancel}</button>
      </div>
    </form>
  )
}

const Terms = ({ label, terms }: { label: string; terms: string[] }) =>
  terms.length ? <div className="terms"><span className="muted">{label}：</span>{terms.map((t) => <span key={t} className="chip">{t}</span>)}</div> : null

export function RulesTab() {
  const rules = useQuery('rule-list', {})
  const [editing, setEditing] = useState<Rule | 'new' | null>(null)
  const [confirmId, setConfirmId] = useState<number | null>(null)
  const [error, setError] = useState<DeskError | null>(null)
  const done = () => setEditing(null)
  const run = async (p: Promise<{ ok: boolean; error?: DeskError }>) => {
    const r = await p
    setError(r.ok ? null : (r.error ?? null))
  }
  return (
    <div className="rules-tab">
      <p className="muted">{T.intro}</p>
      <div className="toolbar"><button className="primary" onClick={() => setEditing('new')}>{T.add}</button></div>
      {editing && <RuleForm key={editing === 'new' ? 'new' : editing.id} rule={editing === 'new' ? undefined : editing} onDone={done} />}
      {error && <div className="form-error" role="alert">{error.message}</div>}
      <ul className="rules" aria-label={T.list}>
        {rules.data?.map((r) => (
          <li key={r.id} className={`card rule${r.enabled ? '' : ' disabled'}`}>
            <div className="rule-head">
              <strong>{r.name}</strong>
              {r.fromProfile && <span className="chip">{T.fromProfile}</span>}
              {!r.enabled && <span className="muted">{T.disabled}</span>}
              <span className="row-actions">
                <label className="check"><input type="checkbox" checked={r.enabled} onChange={(e) => run(invoke('rule-update', { id: r.id, enabled: e.target.checked }))} />{T.enabled}</label>
                <button className="link" onClick={() => setEditing(r)}>{T.editBtn}</button>
                {confirmId === r.id
                  ? <button className="link danger-text" onClick={() => { setConfirmId(null); void run(invoke('rule-delete', { id: r.id })) }}>{T.confirm}</button>
                  : <button className="link" onClick={() => setConfirmId(r.id)}>{T.remove}</button>}
              </span>
            </div>
            <Terms label={T.termsAny} terms={r.any} />
            <Terms label={T.termsAll} terms={r.all} />
            <Terms label={T.termsNone} terms={r.none} />
          </li>
        ))}
      </ul>
      {rules.data?.length === 0 && <p className="empty">{T.empty}</p>}
    </div>
  )
}
