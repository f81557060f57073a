// 设置 › 节点日: the office's list of days it plans around, each with a rule for its date and the piece it usually
// makes. The list is edited here and written only by 保存; 恢复默认 puts the desk's defaults back into the editor.
// A day is edited in a dialog: Esc or 取消 leaves the list as it was.
import { useEffect, useState } from 'react'
import { invoke } from '../../api'
import { useQuery } from '../../hooks'
import { useDirty } from '../../unsaved'
import { Dialog } from '../Overlay'
import { Field } from '../Field'
import { CHANNELS, CHANNEL_CODES, type Channel } from '../../../../shared/channels'
import { DEFAULT_PLANNING_RULES, PLANNING_KINDS, UNITY_MONTH_NOTE, type PlanningKind, type PlanningRule, type PlanningWhen } from '../../../../shared/planning-days'
import type { DeskError } from '../../../../shared/contract'

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']
const NTH: Record<number, string> = { 1: '第一个', 2: '第二个', 3: '第三个', 4: '第四个', [-1]: '最后一个' }
const LUNAR_MONTHS = ['正', '二', '三', '四', '五', '六', '七', '八', '九', '十', '冬', '腊']
const T = {
  title: '节点日',
  hint: '日程的月/周视图和“近期节点”按此列出节点日；“起草”按建议渠道和标题预填新稿件（标题中的 {节日} 换成节点名，{周年} 换成院庆周年数）。节气和法定节假日的日期自动计算。',
  unity: `民族团结进步月：${UNITY_MONTH_NOTE}。请按本省（区）规定修改月份。`,
  name: '名称', kind: '类别', when: '日期', suggest: '建议稿件', none: '—',
  add: '添加节点', edit: '编辑', del: '删除', save: '保存', saved: '已保存', reset: '恢复默认', resetHint: '已恢复默认列表，保存后生效',
  ok: '确定', cancel: '取消', unsaved: '列表有修改，尚未保存',
  type: '日期规则', month: '月', day: '日', days: '持续天数', nth: '第几个', weekday: '星期', holiday: '节假日名称', holidayHint: '与国务院通知中的名称一致，如 春节、国庆节',
  since: '建院年份', sinceHint: '填写后每年显示第几周年，逢五逢十标出', channel: '建议渠道', noSuggest: '不建议稿件', suggestTitle: '建议标题', ledKind: 'LED内容类别', note: '说明',
  types: { date: '固定日期', weekday: '某月第几个星期几', lunar: '农历日期', month: '整月（主题月）', holiday: '法定节假日' } as Record<PlanningWhen['type'], string>,
  editTitle: (n: string) => `编辑节点：${n}`,
  nameMissing: '请填写名称'
}

export function whenText(w: PlanningWhen): string {
  switch (w.type) {
    case 'date': return `${w.month}月${w.day}日${w.days && w.days > 1 ? `起${w.days}天` : ''}`
    case 'weekday': return `${w.month}月${NTH[w.nth] ?? `第${w.nth}个`}星期${WEEKDAYS[w.weekday]}${w.days && w.days > 1 ? `起${w.days}天` : ''}`
    case 'lunar': return `农历${LUNAR_MONTHS[w.month - 1]}月${w.day <= 10 ? `初${'一二三四五六七八九十'[w.day - 1]}` : w.day}`
    case 'month': return `${w.month}月全月`
    case 'holiday': return `按当年节假日安排（${w.name}）`
  }
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s))

function RuleDialog({ rule, onDone, onCancel }: { rule: PlanningRule; onDone: (r: PlanningRule) => void; onCancel: () => void }) {
  const [name, setName] = useState(rule.name)
  const [kind, setKind] = useState<PlanningKind>(rule.kind)
  const [when, setWhen] = useState<PlanningWhen>(rule.when)
  const [since, setSince] = useState(rule.since === undefined ? '' : String(rule.since))
  const [channel, setChannel] = useState<Channel | ''>(rule.suggest?.channel ?? '')
  const [title, setTitle] = useState(rule.suggest?.title ?? '')
  const [ledKind, setLedKind] = useState(rule.suggest?.kind ?? '')
  const [note, setNote] = useState(rule.note ?? '')
  const [missing, setMissing] = useState(false)
  // The dialog's own state (not a registered form, which would sit outside its scope): Esc asks before dropping it.
  const [initial] = useState(() => JSON.stringify({ name, kind, when, since, channel, title, ledKind, note }))
  const changed = JSON.stringify({ name, kind, when, since, channel, title, ledKind, note }) !== initial
  const set = (patch: Record<string, unknown>) => setWhen({ ...when, ...patch } as PlanningWhen)
  const intField = (label: string, key: string, min: number, max: number) => (
    <Field label={label} name={`when.${key}`}>
      <input type="number" min={min} max={max} value={String((when as Record<string, unknown>)[key] ?? '')} onChange={(e) => set({ [key]: num(e.target.value) })} />
    </Field>
  )
  function changeType(type: PlanningWhen['type']) {
    const month = 'month' in when ? when.month : 1
    setWhen(type === 'date' ? { type, month, day: 1 } : type === 'weekday' ? { type, month, nth: 1, weekday: 0 } : type === 'lunar' ? { type, month, day: 1 } : type === 'month' ? { type, month } : { type, name: name })
  }
  function done() {
    if (!name.trim()) return setMissing(true)
    onDone({
      id: rule.id, name: name.trim(), kind, when,
      ...(since.trim() ? { since: Number(since) } : {}),
      ...(channel ? { suggest: { channel, title: title.trim() || '{节日}', ...(channel === 'led' && ledKind ? { kind: ledKind } : {}), ...(rule.suggest?.themes ? { themes: rule.suggest.themes } : {}) } } : {}),
      ...(note.trim() ? { note: note.trim() } : {})
    })
  }
  return (
    <Dialog label={rule.name ? T.editTitle(rule.name) : T.add} className="modal planning-rule" dirty={changed} onClose={onCancel}>
      {(close) => (
        <form onSubmit={(e) => (e.preventDefault(), done())}>
          <h2>{rule.name ? T.editTitle(rule.name) : T.add}</h2>
          <div className="grid">
            <Field label={T.name} name="name" error={missing ? T.nameMissing : undefined}>
              <input value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
            <Field label={T.kind} name="kind">
              <select value={kind} onChange={(e) => setKind(e.target.value as PlanningKind)}>
                {PLANNING_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
              </select>
            </Field>
            <Field label={T.type} name="when.type">
              <select value={when.type} onChange={(e) => changeType(e.target.value as PlanningWhen['type'])}>
                {Object.entries(T.types).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
              </select>
            </Field>
            {'month' in when && intField(T.month, 'month', 1, 12)}
            {(when.type === 'date' || when.type === 'lunar') && intField(T.day, 'day', 1, when.type === 'lunar' ? 30 : 31)}
            {when.type === 'weekday' && (
              <>
                <Field label={T.nth} name="when.nth">
                  <select value={when.nth} onChange={(e) => set({ nth: Number(e.target.value) })}>
                    {Object.entries(NTH).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
                  </select>
                </Field>
                <Field label={T.weekday} name="when.weekday">
                  <select value={when.weekday} onChange={(e) => set({ weekday: Number(e.target.value) })}>
                    {WEEKDAYS.map((w, i) => <option key={w} value={i}>星期{w}</option>)}
                  </select>
                </Field>
              </>
            )}
            {(when.type === 'date' || when.type === 'weekday') && intField(T.days, 'days', 1, 31)}
            {when.type === 'holiday' && (
              <Field label={T.holiday} name="when.name" hint={T.holidayHint}>
                <input value={when.name} onChange={(e) => set({ name: e.target.value })} />
              </Field>
            )}
            {kind === '院内纪念日' && (
              <Field label={T.since} name="since" hint={T.sinceHint}>
                <input inputMode="numeric" value={since} onChange={(e) => setSince(e.target.value)} placeholder="如 1953" />
              </Field>
            )}
            <Field label={T.channel} name="suggest.channel">
              <select value={channel} onChange={(e) => setChannel(e.target.value as Channel | '')}>
                <option value="">{T.noSuggest}</option>
                {CHANNEL_CODES.map((c) => <option key={c} value={c}>{CHANNELS[c]}</option>)}
              </select>
            </Field>
            {channel && (
              <Field label={T.suggestTitle} name="suggest.title">
                <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="{节日}快乐" />
              </Field>
            )}
            {channel === 'led' && (
              <Field label={T.ledKind} name="suggest.kind">
                <input value={ledKind} onChange={(e) => setLedKind(e.target.value)} placeholder="节日祝福" />
              </Field>
            )}
            <Field label={T.note} name="note" wide>
              <input value={note} onChange={(e) => setNote(e.target.value)} />
            </Field>
          </div>
          <div className="actions">
            <button type="submit" className="primary">{T.ok}</button>
            <button type="button" onClick={close}>{T.cancel}</button>
          </div>
        </form>
      )}
    </Dialog>
  )
}

export function PlanningDaysSettings() {
  const q = useQuery('planning-rules', {})
  const [rules, setRules] = useState<PlanningRule[] | null>(null)
  const [editing, setEditing] = useState<{ index: number; rule: PlanningRule } | null>(null)
  const [error, setError] = useState<DeskError | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [baseline, setBaseline] = useState(0)
  useEffect(() => {
    if (q.data && rules === null) setRules(q.data.rules)
  }, [q.data, rules])
  // The list as loaded (or as just saved) is the baseline: only the officer's own changes count as unsaved.
  const clean = useDirty(rules, rules === null ? 'loading' : baseline)

  if (!rules) return null
  async function save() {
    const r = await invoke('planning-rules-save', { rules: rules! })
    setError(r.ok ? null : r.error)
    if (!r.ok) return
    setRules(r.value.rules)
    setBaseline((n) => n + 1)
    clean()
    setMessage(T.saved)
  }
  const put = (index: number, rule: PlanningRule) => {
    setRules((list) => (index < 0 ? [...list!, rule] : list!.map((r, i) => (i === index ? rule : r))))
    setMessage(null)
    setEditing(null)
  }
  return (
    <section className="card" aria-label={T.title}>
      <h2>{T.title}</h2>
      <p className="muted small">{T.hint}</p>
      <p className="muted small">{T.unity}</p>
      <table className="table planning-rules">
        <thead><tr><th>{T.name}</th><th>{T.kind}</th><th>{T.when}</th><th>{T.suggest}</th><th /></tr></thead>
        <tbody>
          {rules.map((r, i) => (
            <tr key={r.id} data-id={r.id}>
              <td>{r.name}{r.since ? `（${r.since}年建院）` : ''}</td>
              <td>{r.kind}</td>
              <td>{whenText(r.when)}</td>
              <td>{r.suggest ? `${CHANNELS[r.suggest.channel]}：${r.suggest.title}` : T.none}</td>
              <td className="row-actions">
                <button type="button" className="link" aria-label={`${T.edit} ${r.name}`} onClick={() => setEditing({ index: i, rule: r })}>{T.edit}</button>
                <button type="button" className="link danger" aria-label={`${T.del} ${r.name}`} onClick={() => (setRules(rules.filter((_, j) => j !== i)), setMessage(null))}>{T.del}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <div className="form-error" role="alert">{error.message}</div>}
      <div className="actions">
        <button type="button" onClick={() => setEditing({ index: -1, rule: { id: `own-${Date.now().toString(36)}`, name: '', kind: '院内纪念日', when: { type: 'date', month: 1, day: 1 } } })}>{T.add}</button>
        <button type="button" onClick={() => (setRules(structuredClone([...DEFAULT_PLANNING_RULES])), setMessage(T.resetHint))}>{T.reset}</button>
        <button type="button" className="primary" onClick={() => void save()}>{T.save}</button>
        {message && <span className="ok-text" role="status">{message}</span>}
      </div>
      {editing && <RuleDialog rule={editing.rule} onDone={(r) => put(editing.index, r)} onCancel={() => setEditing(null)} />}
    </section>
  )
}
