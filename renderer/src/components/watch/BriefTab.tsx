// 舆情报告: pick a day (日报), a week Monday–Sunday (周报) or any range, read the brief as the office will print it,
// and download it as Word. The brief reloads by itself when a poll or a triage step changes the watch.
import { useState } from 'react'
import { invoke } from '../../api'
import { useQuery } from '../../hooks'
import { downloadPayload } from '../../files'
import { DateInput } from '../DateInput'
import { addDays, isCalendarDate } from '../../../../shared/dates'
import { briefPeriodProblem, weekOf, type BriefKind } from '../../../../shared/watch-periods'
import type { DraftParagraph } from '../../../../shared/contract/reports'
import type { BriefTable } from '../../../../shared/contract/watch-reports'
import './brief-tab.css'

const T = {
  label: '舆情报告',
  kind: '报告类型',
  kinds: { weekly: '周报', daily: '日报', range: '自定义区间' },
  week: '周内任一天',
  day: '日期',
  from: '开始日期',
  to: '结束日期',
  prev: { weekly: '上一周', daily: '前一天' },
  next: { weekly: '下一周', daily: '后一天' },
  download: '下载 Word',
  downloading: '正在生成 Word…',
  loading: '正在生成…',
  preview: '舆情报告预览',
  summary: (n: number, attention: number, closed: number, feeds: number) =>
    `本期舆情 ${n} 条 · 需关注 ${attention} 条 · 本期办结 ${closed} 条${feeds ? ` · 抓取异常订阅源 ${feeds} 个` : ''}`,
  took: (ms: number) => `用时 ${ms} 毫秒`
}
type Kind = BriefKind | 'range'
const KINDS = Object.keys(T.kinds) as Kind[]

function Paragraph({ p, firstSign }: { p: DraftParagraph; firstSign: boolean }) {
  if (p.kind === 'title') {
    return <h2 className="b-title">{p.text.split('\n').map((line, i) => <span key={i}>{line}</span>)}</h2>
  }
  if (p.kind === 'heading') return <h3 className="b-heading">{p.text}</h3>
  return <p className={`b-${p.kind}${firstSign ? ' first-sign' : ''}`}>{p.text}</p>
}

function Table({ t }: { t: BriefTable }) {
  const right = new Set(t.right ?? [])
  return (
    <section className="b-table" aria-label={t.heading}>
      <h4>{t.heading}</h4>
      {t.intro && <p className="b-intro">{t.intro}</p>}
      <table>
        <thead><tr>{t.headers.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
        <tbody>
          {t.rows.map((r, i) => (
            <tr key={i}>{r.map((c, j) => <td key={j} className={right.has(j) ? 'n' : undefined}>{c}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

/** The period code and kind the handlers take, or the reason there is none yet. */
function periodOf(kind: Kind, day: string, from: string, to: string): { period: string; kind?: BriefKind } | { problem: string } {
  if (kind === 'range') {
    if (!isCalendarDate(from) || !isCalendarDate(to)) return { problem: '请填写开始日期和结束日期' }
    const period = `${from}..${to}`
    const problem = briefPeriodProblem(period)
    return problem ? { problem } : { period }
  }
  if (!isCalendarDate(day)) return { problem: '请填写日期' }
  return kind === 'weekly' ? { period: `${weekOf(day).from}..${weekOf(day).to}`, kind } : { period: day, kind }
}

export function BriefTab() {
  const app = useQuery('app-state', {})
  const today = app.data?.today ?? ''
  // A 周报 is written about the week just ended; a 日报 about yesterday.
  const [kind, setKind] = useState<Kind>('weekly')
  const [day, setDay] = useState<string | null>(null)
  const [range, setRange] = useState<{ from: string; to: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const shownDay = day ?? (!today ? '' : kind === 'weekly' ? weekOf(addDays(today, -7)).from : addDays(today, -1))
  const shownRange = range ?? (today ? { from: addDays(today, -6), to: today } : { from: '', to: '' })
  const chosen = today ? periodOf(kind, shownDay, shownRange.from, shownRange.to) : null
  const args = chosen && 'period' in chosen ? chosen : null
  const q = useQuery('watch-brief-preview', args)
  const b = q.data

  function step(by: number) {
    if (kind === 'range' || !isCalendarDate(shownDay)) return
    setDay(addDays(shownDay, kind === 'weekly' ? by * 7 : by))
  }

  async function download() {
    if (!args) return
    setBusy(true)
    setError(null)
    const r = await invoke('watch-brief-docx', args)
    setBusy(false)
    if (!r.ok) return setError(r.error.message)
    downloadPayload(r.value)
  }

  return (
    <div className="watch-brief">
      <div className="card brief-controls" role="group" aria-label={T.label}>
        <fieldset className="brief-kinds" aria-label={T.kind}>
          {KINDS.map((k) => (
            <label key={k} className="radio">
              <input type="radio" name="brief-kind" value={k} checked={kind === k} onChange={() => (setKind(k), setDay(null), setError(null))} />
              {T.kinds[k]}
            </label>
          ))}
        </fieldset>
        {kind === 'range' ? (
          <>
            <label className="field"><span className="field-label">{T.from}</span>
              <DateInput label={T.from} value={shownRange.from} onChange={(from) => setRange({ ...shownRange, from })} /></label>
            <label className="field"><span className="field-label">{T.to}</span>
              <DateInput label={T.to} value={shownRange.to} onChange={(to) => setRange({ ...shownRange, to })} /></label>
          </>
        ) : (
          <>
            <button type="button" onClick={() => step(-1)}>{T.prev[kind]}</button>
            <label className="field"><span className="field-label">{kind === 'weekly' ? T.week : T.day}</span>
              <DateInput label={kind === 'weekly' ? T.week : T.day} value={shownDay} max={today || undefined} onChange={setDay} /></label>
            <button type="button" onClick={() => step(1)} disabled={!today || shownDay >= today || (kind === 'weekly' && weekOf(shownDay).to >= today)}>{T.next[kind]}</button>
          </>
        )}
        <button type="button" className="primary" disabled={!b || busy} onClick={() => void download()}>{busy ? T.downloading : T.download}</button>
      </div>
      {chosen && 'problem' in chosen && <div className="form-error" role="alert">{chosen.problem}</div>}
      {error && <div className="form-error" role="alert">{error}</div>}
      {q.error && args && <div className="form-error" role="alert">{q.error.message}</div>}
      {args && !b && !q.error && <p className="muted">{T.loading}</p>}
      {b && args && (
        <>
          <p className="brief-summary" data-testid="brief-summary">
            <strong>{b.period.label}{b.period.name}</strong>　{T.summary(b.counts.total, b.attention, b.closed, b.failingFeeds)}
            <span className="muted small">　{T.took(b.ms)}</span>
          </p>
          <article className="brief-paper" aria-label={T.preview}>
            {b.paragraphs.map((p, i) => <Paragraph key={p.key} p={p} firstSign={p.kind === 'sign' && b.paragraphs[i - 1]?.kind !== 'sign'} />)}
            {b.tables.map((t) => <Table key={t.heading} t={t} />)}
          </article>
        </>
      )}
    </div>
  )
}
