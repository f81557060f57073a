// 统计: the party secretary's screen — a month (by default last month) or any period, with 环比 and 同比 beside
// every figure, charts, the channel × month matrix, drill-down into the rows behind any number, and sign-off.
import { Suspense, lazy, useCallback, useMemo, useState } from 'react'
import './tally.css'
import { useQuery } from '../hooks'
import { useSession } from '../session'
import { PeriodPicker } from '../components/tally/PeriodPicker'
import { ChannelMatrix, FigureTable, KeyTiles, LevelsTable, type Drill } from '../components/tally/Figures'
import { DrillDown } from '../components/tally/DrillDown'
import { SignOff } from '../components/tally/SignOff'
import { QuotaTable } from '../components/tally/QuotaTable'
import { rememberPeriod, rememberedPeriod } from '../components/tally/remember'
import { lastMonthOf, parsePeriod, periodProblem } from '../../../shared/periods'
import type { FigureGroup } from '../../../shared/contract/reports'

const T = {
  title: '统计',
  print: '打印',
  compare: (prev: string, last: string) => `环比：与${prev}比较；同比：与${last}比较。`,
  clickHint: '点击任一数字可查看明细。',
  tones: { good: '绿色', goodMeans: '表示向好，', bad: '红色', badMeans: '表示需关注：负面舆情、较大及重大舆情和办结用时以减少为好，其余工作数字以增加为好。' },
  restored: (label: string) => `已打开您上次查看的${label}。`,
  toLastMonth: '查看上个月',
  loading: '正在统计…',
  counted: '只统计已发布、已报送、已录用、未录用、已完成的记录；草稿、审核中、已排期和已撤回的不计入。合作版面不计入报送与录用。',
  printedAt: (hospital: string, label: string) => `${hospital} ${label} 宣传舆情工作统计`,
  badPeriod: '统计区间无效，已改为上个月。',
  amounts: '数量与覆盖人次（宣传品印制、活动覆盖与发放、会议参加）',
  submissions: '报送与录用（明细）',
}

/** echarts is large: it loads with the first tally, not with the app's first screen. */
const TallyCharts = lazy(() => import('../components/tally/TallyCharts').then((m) => ({ default: m.TallyCharts })))

/** Headline numbers shown as tiles. */
const KEY_FIGURES = ['pieces.total', 'submissions.submitted', 'submissions.accepted', 'channel.wechat.count', 'channel.wechat.reads', 'channel.print.quantity', 'channel.event.reach', 'mentions.total', 'mentions.negative', 'mentions.closedShare']
/** Groups shown as tables, in this order (the channel group is the matrix; submissions has its own table). */
const TABLE_GROUPS: FigureGroup[] = ['newMedia', 'inHouse', 'print', 'event', 'ethnic', 'meeting', 'honor', 'mentions', 'theme', 'department', 'accounts']

export function Tally({ today, route, go }: { today: string; route: string[]; go: (p: string) => void }) {
  const userId = useSession().state.user!.id
  const requested = route[0] ? decodeURIComponent(route[0]) : ''
  const valid = requested !== '' && periodProblem(requested) === null
  // 统计 from the sidebar (no period in the route) opens what this person last chose, else last month.
  const remembered = useMemo(() => (requested === '' ? rememberedPeriod(userId, today) : null), [requested, userId, today])
  const code = valid ? requested : remembered ?? lastMonthOf(today)
  // Only what the person picks here is remembered: a period in the route they arrived with (a link, the last
  // person's screen after 切换用户) is shown, not taken for their choice.
  const choose = (c: string) => {
    rememberPeriod(userId, parsePeriod(c).code)
    go(`tally/${encodeURIComponent(c)}`)
  }
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
      <PeriodPicker key={parsePeriod(code).kind} code={code} today={today} onChange={choose} />
      {requested !== '' && !valid && <p className="muted small">{T.badPeriod}</p>}
      {remembered && remembered !== lastMonthOf(today) && v && (
        <p className="muted small no-print" data-testid="tally-restored">
          {T.restored(v.period.label)}<button type="button" className="link" onClick={() => choose(lastMonthOf(today))}>{T.toLastMonth}</button>
        </p>
      )}
      {view.error && <div className="form-error">{view.error.message}</div>}
      {!v && !view.error && <p className="loading">{T.loading}</p>}
      {v && (
        <>
          <h2 className="tally-heading" data-testid="tally-period">{T.printedAt(v.set.hospital, v.period.label)}</h2>
          <p className="muted small">{T.compare(v.previous.label, v.lastYear.label)}<span className="no-print">{T.clickHint}</span></p>
          <p className="muted small tone-legend">
            <span className="change good">{T.tones.good}</span>{T.tones.goodMeans}<span className="change bad">{T.tones.bad}</span>{T.tones.badMeans}
          </p>
          <SignOff key={`${v.period.code}-${v.signoff?.signedAt ?? ''}`} view={v} />
          <KeyTiles view={v} keys={KEY_FIGURES} drill={openDrill} />
          {/* the targets set by the superiors come right after the headline numbers: the first thing the secretary checks */}
          <QuotaTable view={v} drill={openDrill} />
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
          </div>
          <p className="muted small">{T.counted}</p>
        </>
      )}
      {drill && <DrillDown key={`${drill.period}|${drill.key}`} period={drill.period} fkey={drill.key} onClose={() => setDrill(null)} />}
    </section>
  )
}
