import { useEffect, useState } from 'react'
import { invoke, fieldErrors } from '../../api'
import { useQuery } from '../../hooks'
import { Field, splitList } from '../Field'
import { WebhookPanel } from './WebhookPanel'
import type { DeskError } from '../../../../shared/contract'
import type { WatchSettings } from '../../../../shared/contract/watch'

const T = {
  loading: '正在读取…',
  title: '提醒与词库',
  alerts: '桌面提醒',
  alertsOn: '发现“较大”“重大”舆情时弹出桌面提醒（同时记入右上角的提醒中心）',
  quiet: '静默时段（期间“较大”舆情不弹提醒，暂存到今日简报，结束后汇总提醒一次；“重大”舆情照常立即提醒）',
  silentDays: '订阅源静默天数',
  silentHint: '某订阅源连续这么多天没有新条目、而其他订阅源仍在更新时，标为“静默”并提醒（0 为不检查）',
  from: '开始',
  to: '结束',
  lexicon: '情感词库',
  lexiconHint: '用顿号分隔。标题中的词计两次；“无投诉”“拒收红包”这类否定说法不计。修改只影响之后收录的舆情。',
  negative: '负面词',
  positive: '正面词',
  save: '保存',
  saved: '已保存',
  reset: '恢复默认词库',
  isDefault: '当前使用默认词库'
}

export function WatchSettingsTab() {
  const q = useQuery('watch-settings-get', {})
  const [s, setS] = useState<WatchSettings | null>(null)
  const [negative, setNegative] = useState('')
  const [positive, setPositive] = useState('')
  const [error, setError] = useState<DeskError | null>(null)
  const [saved, setSaved] = useState(false)
  const load = (v: WatchSettings) => {
    setS(v)
    setNegative(v.lexicon.negative.join('、'))
    setPositive(v.lexicon.positive.join('、'))
  }
  useEffect(() => {
    if (q.data) load(q.data)
  }, [q.data])
  if (q.error) return <div className="form-error">{q.error.message}</div>
  if (!s) return <div className="loading">{T.loading}</div>
  const errs = fieldErrors(error)
  const alerts = s.alerts
  const setAlerts = (a: Partial<WatchSettings['alerts']>) => setS({ ...s, alerts: { ...alerts, ...a } })
  return (
    <>
    <form className="card watch-settings" aria-label={T.title} onSubmit={async (e) => {
      e.preventDefault()
      const r = await invoke('watch-settings-save', { alerts, lexicon: { negative: splitList(negative), positive: splitList(positive) } })
      setError(r.ok ? null : r.error)
      setSaved(r.ok)
      if (r.ok) load(r.value)
    }}>
      <h2>{T.alerts}</h2>
      <label className="check"><input type="checkbox" checked={alerts.enabled} onChange={(e) => setAlerts({ enabled: e.target.checked })} />{T.alertsOn}</label>
      <label className="check"><input type="checkbox" checked={alerts.quietEnabled} onChange={(e) => setAlerts({ quietEnabled: e.target.checked })} />{T.quiet}</label>
      <div className="detail-row">
        <Field label={T.from} name="quietFrom" error={errs['alerts.quietFrom']}><input type="time" value={alerts.quietFrom} onChange={(e) => setAlerts({ quietFrom: e.target.value })} /></Field>
        <Field label={T.to} name="quietTo" error={errs['alerts.quietTo']}><input type="time" value={alerts.quietTo} onChange={(e) => setAlerts({ quietTo: e.target.value })} /></Field>
      </div>
      <Field label={T.silentDays} name="silentDays" error={errs['alerts.silentDays']} hint={T.silentHint}><input type="number" min={0} max={60} value={alerts.silentDays} onChange={(e) => setAlerts({ silentDays: e.target.value === '' ? 0 : Number(e.target.value) })} /></Field>
      <h2>{T.lexicon}{s.lexiconIsDefault && <span className="muted small">{T.isDefault}</span>}</h2>
      <p className="muted small">{T.lexiconHint}</p>
      <Field label={T.negative} name="negative" error={errs['lexicon.negative']}><textarea rows={4} value={negative} onChange={(e) => setNegative(e.target.value)} /></Field>
      <Field label={T.positive} name="positive" error={errs['lexicon.positive']}><textarea rows={3} value={positive} onChange={(e) => setPositive(e.target.value)} /></Field>
      {error && <div className="form-error" role="alert">{error.message}</div>}
      <div className="actions">
        <button type="submit" className="primary">{T.save}</button>
        <button type="button" onClick={async () => { const r = await invoke('watch-settings-reset-lexicon', {}); if (r.ok) load(r.value) }}>{T.reset}</button>
        {saved && <span className="ok-text">{T.saved}</span>}
      </div>
    </form>
    <WebhookPanel />
    </>
  )
}
