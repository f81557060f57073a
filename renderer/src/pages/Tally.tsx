// 统计: the party secretary's screen — a month (by default last month) or any period, with 环比 and 同比 beside
// every figure, charts, the channel × month matrix, drill-down into the rows behind any number, and sign-off.
import { Suspense, lazy, useCallback, useState } from 'react'
import './tally.css'
import { useQuery } from '../hooks'
import { PeriodPicker } from '../components/tally/PeriodPicker'
import { ChannelMatrix, FigureTable, KeyTiles, LevelsTable, type Drill } from '../components/tally/Figures'
import { DrillDown } from '../components/tally/DrillDown'
import { SignOff } from '../components/tally/SignOff'
import { lastMonthOf, parsePeriod, periodProblem } from '../../../shared/periods'
import type { FigureGroup } from '../../../shared/contract/reports'

const T = {
  title: '统计',
  print: '打印',
  compare: (prev: string, last: string) => `环比：与${prev}比较；同比：与${last}比较。点击任一数字可查看明细。`,
  loading: '正在统计…',
  counted: '只统计已发布、已报送、已录用、未录用、已完成的记录；草稿、审核中、已排期和已撤回的不计入。合作版面不计入报送与录用。',
  printedAt: (hospital: string, label: string) => `${hospital} ${label} 宣传舆情工作统计`,
  badPeriod: '统计区间无效，已改为上个月。',
  amounts: '数量与覆盖人次（宣传品印制、活动覆盖与发放、会议参加）',
  submissions: '报送与录用（明细）',
  quotas: '指标完成情况',
  quotaCols: ['指标', '完成', '目标', '状态'],
  met: '已完成',
  notMet: '未完成',
  noQuotas: '尚未设置考核指标（可在“设置”中添加）。'
}

/** echarts is large: it loads with the first tally, not with the app's first screen. */
const TallyCharts = lazy(() => import('../components/tally/TallyCharts').then((m) => ({ default: m.TallyCharts })))

/** Headline numbers shown as tiles. */
const KEY_FIGURES = ['pieces.total', 'submissions.submitted', 'submissions.accepted', 'channel.wechat.count', 'channel.wechat.reads', 'channel.print.quantity', 'channel.event.reach', 'mentions.total', 'mentions.negative', 'mentions.closedShare']
/** Groups shown as tables, in this order (the channel group is the matrix; submissions has its own table). */
const TABLE_GROUPS: FigureGroup[] = ['newMedia', 'inHouse', 'print', 'event', 'ethnic', 'meeting', 'honor', 'mentions', 'theme', 'department', 'accounts']

export function Tally({ today, route, go }: { today: string; route: string[]; go: (p: string) => void }) {
  const requested = route[0] ? decodeURIComponent(route[0]) : ''
  const valid = requested !== '' && periodProblem(requested) === null
  const code = valid ? requested : lastMonthOf(today)
  const view = useQuery('tally-get', { period: code })
  const [drill, setDrill] = useState<{ period: string; key: string } | null>(null)
  const openDrill: Drill = useCallback((period, key) => setDrill({ period, key }), [])
  const v = view.data

  return (
    <section className="page tally-page">
      <header className="page-head">
        <h1>{T.title}</h1>
        <button type="button" className="no-print" onClick={() => window.print()}>{T.print}</button>
      </header>
      <PeriodPicker key={parsePeriod(code).kind} code={code} today={today} onChange={(c) => go(`tally/${encodeURIComponent(c)}`)} />
      {requested !== '' && !valid && <p className="muted small">{T.badPeriod}</p>}
      {view.error && <div className="form-error">{view.error.message}</div>}
      {!v && !view.error && <p className="loading">{T.loading}</p>}
      {v && (
        <>
          <h2 className="tally-heading" data-testid="tally-period">{T.printedAt(v.set.hospital, v.period.label)}</h2>
          <p className="muted small">{T.compare(v.previous.label, v.lastYear.label)}</p>
          <SignOff key={`${v.period.code}-${v.signoff?.signedAt ?? ''}`} view={v} />
          <KeyTiles view={v} keys={KEY_FIGURES} drill={openDrill} />
          <Suspense fallback={<div className="tally-charts" />}>
            <TallyCharts view={v} />
          </Suspense>
          <ChannelMatrix view={v} drill={openDrill} />
          <div className="figure-grid">
            <LevelsTable view={v} drill={openDrill} />
            <FigureTable view={v} group="channel" title={T.amounts} figures={v.set.figures.filter((f) => f.group === 'channel' && !f.key.endsWith('.count'))} drill={openDrill} />
            <FigureTable view={v} group="submissions" title={T.submissions} figures={v.set.figures.filter((f) => f.group === 'submissions' && !f.key.startsWith('submissions.submitted.') && !f.key.startsWith('submissions.accepted.'))} drill={openDrill} />
            {TABLE_GROUPS.map((g) => (
              <FigureTable key={g} view={v} group={g} figures={v.set.figures.filter((f) => f.group === g)} drill={openDrill} />
            ))}
            <section className="card figure-card" aria-label={T.quotas}>
              <h3>{T.quotas}</h3>
              {v.set.quotas.length === 0 ? (
                <p className="muted small">{T.noQuotas}</p>
              ) : (
                <table className="fig-table">
                  <thead><tr>{T.quotaCols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
                  <tbody>
                    {v.set.quotas.map((q) => (
                      <tr key={q.id}>
                        <td>{q.label}</td>
                        <td className="n"><button type="button" className="num" onClick={() => openDrill(v.period.code, `quota.${q.id}`)}>{q.actual}</button></td>
                        <td className="n">{q.target}</td>
                        <td className={q.met ? 'ok-text' : 'warn-text'}>{q.met ? T.met : T.notMet}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
          <p className="muted small">{T.counted}</p>
        </>
      )}
      {drill && <DrillDown key={`${drill.period}|${drill.key}`} period={drill.period} fkey={drill.key} onClose={() => setDrill(null)} />}
    </section>
  )
}
