// 群机器人推送 (企业微信、钉钉、飞书): which group gets which grades at once, the daily digest's time, and each
// target's last result — a failed send shows here with its reason. Saved through webhook-save (office/admin).
import { useEffect, useState } from 'react'
import { invoke, fieldErrors } from '../../api'
import { useQuery } from '../../hooks'
import { useCan } from '../../session'
import { Field } from '../Field'
import { chinaClock } from '../../../../shared/dates'
import { WEBHOOK_KINDS, WEBHOOK_KIND_LABELS, type WebhookOverview, type WebhookSettings, type WebhookTarget } from '../../../../shared/contract/watch-webhooks'
import type { DeskError } from '../../../../shared/contract'
import './webhook-panel.css'

const T = {
  title: '群机器人推送',
  intro: '“重大”舆情立即推送到所选群（静默时段也推送），每天定时推送舆情日报。消息只含标题、等级、来源和研判依据，不含网页内容。',
  digestAt: '日报推送时间',
  add: '添加推送目标',
  remove: '删除',
  name: '群名称',
  kind: '平台',
  url: 'Webhook 地址',
  secret: '签名密钥（钉钉“加签”、飞书“签名校验”，未设置可留空）',
  grades: '立即推送',
  digest: '推送每日舆情日报',
  enabled: '启用',
  save: '保存推送设置',
  saved: '已保存',
  test: '发送测试消息',
  none: '尚未设置推送目标。',
  never: '尚未推送',
  status: { sent: '已送达', pending: '等待重试', failed: '推送失败' } as Record<string, string>,
  last: (s: string, at: string, title: string) => `最近一次：${s}（${chinaClock(at, 'yyyy-MM-dd HH:mm')}）${title}`,
  waiting: (n: number) => `${n} 条等待重试`,
  failed: (n: number) => `${n} 条未送达`,
  readOnly: '仅宣传干事和管理员可修改推送设置。'
}

const newTarget = (): WebhookTarget => ({ id: `t${Date.now().toString(36)}`, name: '', kind: 'wecom', url: '', secret: '', grades: ['重大'], digest: true, enabled: true })

export function WebhookPanel() {
  const can = useCan()
  const q = useQuery('webhook-get', can('webhook-get') ? {} : null)
  const [o, setO] = useState<WebhookOverview | null>(null)
  const [s, setS] = useState<WebhookSettings | null>(null)
  const [error, setError] = useState<DeskError | null>(null)
  const [saved, setSaved] = useState(false)
  const load = (v: WebhookOverview) => {
    setO(v)
    setS(v.settings)
  }
  useEffect(() => {
    if (q.data) load(q.data)
  }, [q.data])
  if (!can('webhook-get')) return <section className="card webhook-panel"><h2>{T.title}</h2><p className="muted">{T.readOnly}</p></section>
  if (q.error) return <div className="form-error">{q.error.message}</div>
  if (!s || !o) return null
  const errs = fieldErrors(error)
  const setTarget = (i: number, p: Partial<WebhookTarget>) => setS({ ...s, targets: s.targets.map((t, j) => (j === i ? { ...t, ...p } : t)) })
  const toggleGrade = (i: number, g: '重大' | '较大', on: boolean) => {
    const grades = s.targets[i].grades.filter((x) => x !== g)
    setTarget(i, { grades: on ? [...grades, g] : grades })
  }
  return (
    <form className="card webhook-panel" aria-label={T.title} onSubmit={async (e) => {
      e.preventDefault()
      const r = await invoke('webhook-save', s)
      setError(r.ok ? null : r.error)
      setSaved(r.ok)
      if (r.ok) load(r.value)
    }}>
      <h2>{T.title}</h2>
      <p className="muted small">{T.intro}</p>
      <Field label={T.digestAt} name="digestAt" error={errs.digestAt}><input type="time" value={s.digestAt} onChange={(e) => setS({ ...s, digestAt: e.target.value })} /></Field>
      {s.targets.length === 0 && <p className="muted">{T.none}</p>}
      {s.targets.map((t, i) => {
        const r = o.results[t.id]
        const err = (f: string) => errs[`targets.${i}.${f}`]
        return (
          <fieldset key={t.id} className="webhook-target" aria-label={t.name || T.name}>
            <div className="detail-row">
              <Field label={T.name} name="name" error={err('name')}><input value={t.name} onChange={(e) => setTarget(i, { name: e.target.value })} /></Field>
              <Field label={T.kind} name="kind">
                <select value={t.kind} onChange={(e) => setTarget(i, { kind: e.target.value as WebhookTarget['kind'] })}>
                  {WEBHOOK_KINDS.map((k) => <option key={k} value={k}>{WEBHOOK_KIND_LABELS[k]}</option>)}
                </select>
              </Field>
            </div>
            <Field label={T.url} name="url" error={err('url')} wide><input value={t.url} onChange={(e) => setTarget(i, { url: e.target.value })} placeholder="https://" /></Field>
            {t.kind !== 'wecom' && <Field label={T.secret} name="secret" error={err('secret')} wide><input value={t.secret} onChange={(e) => setTarget(i, { secret: e.target.value })} autoComplete="off" /></Field>}
            <div className="webhook-grades">
              <span>{T.grades}：</span>
              {(['重大', '较大'] as const).map((g) => (
                <label key={g} className="check"><input type="checkbox" checked={t.grades.includes(g)} onChange={(e) => toggleGrade(i, g, e.target.checked)} />{g}</label>
              ))}
              <label className="check"><input type="checkbox" checked={t.digest} onChange={(e) => setTarget(i, { digest: e.target.checked })} />{T.digest}</label>
              <label className="check"><input type="checkbox" checked={t.enabled} onChange={(e) => setTarget(i, { enabled: e.target.checked })} />{T.enabled}</label>
            </div>
            <div className={`webhook-result${r?.last?.error || r?.failed ? ' bad' : ''}`} role="status">
              {r?.last ? T.last(T.status[r.last.status] ?? r.last.status, r.last.at, r.last.title) : T.never}
              {r?.last?.error && `：${r.last.error}`}
              {r?.pending ? `；${T.waiting(r.pending)}` : ''}
              {r?.failed ? `；${T.failed(r.failed)}` : ''}
            </div>
            <div className="actions">
              {r && <button type="button" onClick={async () => { const x = await invoke('webhook-test', { id: t.id }); setError(x.ok ? null : x.error); if (x.ok) setO(x.value) }}>{T.test}</button>}
              <button type="button" className="link" onClick={() => setS({ ...s, targets: s.targets.filter((_, j) => j !== i) })}>{T.remove}</button>
            </div>
          </fieldset>
        )
      })}
      {error && <div className="form-error" role="alert">{error.message}</div>}
      <div className="actions">
        <button type="button" onClick={() => setS({ ...s, targets: [...s.targets, newTarget()] })}>{T.add}</button>
        <button type="submit" className="primary">{T.save}</button>
        {saved && <span className="ok-text">{T.saved}</span>}
      </div>
    </form>
  )
}
