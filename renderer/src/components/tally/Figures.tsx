// Numbers of the tally. Every number is a button: clicking it lists exactly the rows behind it (drill-down).
import { changeOf, changeText } from '../../../../shared/periods'
import { changeTone, type ChangeTone } from '../../../../shared/tally-reading'
import { monthRange } from '../../../../shared/dates'
import { CHANNELS } from '../../../../shared/channels'
import { FIGURE_GROUPS, type Figure, type FigureGroup } from '../../../../shared/contract/reports'
import type { TallyView } from '../../../../shared/contract/tallies'

const T = {
  item: '统计项',
  now: '本期',
  mom: '环比',
  yoy: '同比',
  previous: (label: string) => `上期 ${label}`,
  lastYear: (label: string) => `去年同期 ${label}`,
  channel: '渠道',
  total: '合计',
  matrix: '各渠道按月统计',
  month: (m: string) => `${Number(m.slice(5))}月`,
  changedSince: (n: number) => `签阅时 ${n}`,
  drillHint: '点击任一数字查看明细',
  levelsTitle: '媒体投稿与工作动态：报送与录用（按级别）',
  level: '级别',
  submitted: '报送',
  accepted: '录用',
  rate: '录用率',
  paidNote: (n: number) => `另有合作版面 ${n} 篇，不计入报送与录用。`,
  signedAt: '签阅时',
  tone: { good: '向好', bad: '需关注', flat: '持平', neutral: '仅供参考' } as Record<ChangeTone, string>
}

export type Drill = (period: string, key: string) => void

/** A number that opens its rows. */
export function Num({ value, unit, period, fkey, drill, signed }: { value: number; unit?: string; period: string; fkey: string; drill: Drill; signed?: number }) {
  const changed = signed !== undefined && signed !== value
  return (
    <button type="button" className={`num${changed ? ' num-changed' : ''}`} data-key={fkey} data-period={period} onClick={() => drill(period, fkey)} title={T.drillHint}>
      {value}
      {unit ? <span className="num-unit">{unit}</span> : null}
      {changed ? <span className="num-signed">{T.changedSince(signed)}</span> : null}
    </button>
  )
}

/** A share or a median with nothing to compare with (no mentions last year) is not a change from zero. */
const NOT_SUMMED = new Set(['%', '小时'])

/**
 * 环比 / 同比 beside a figure: the arrow says which way it went (up / down), the colour whether that is good news
 * for this figure (shared/tally-reading.ts: fewer 负面 mentions is green, fewer posts is red).
 */
function Change({ fkey, now, before, unit }: { fkey: string; now: number; before: number | undefined; unit: string }) {
  if (before === undefined && NOT_SUMMED.has(unit)) return <span className="change flat">—</span>
  const c = changeOf(now, before ?? 0)
  const way = c.diff > 0 ? 'up' : c.diff < 0 ? 'down' : 'flat'
  const tone = changeTone(fkey, c.diff)
  return <span className={`change ${way} ${tone}`} data-tone={tone} title={T.tone[tone]}>{changeText(c, unit)}</span>
}

/** The headline numbers, each with 环比 and 同比. */
export function KeyTiles({ view, keys, drill }: { view: TallyView; keys: string[]; drill: Drill }) {
  const byKey = new Map(view.set.figures.map((f) => [f.key, f]))
  const signed = view.signoff?.figures
  return (
    <div className="key-tiles">
      {keys.map((k) => {
        const f = byKey.get(k)
        if (!f) return null
        return (
          <div className="key-tile" key={k} data-testid={`tile-${k}`}>
            <div className="key-label">{f.label}</div>
            <div className="key-value"><Num value={f.value} unit={f.unit} period={view.period.code} fkey={k} drill={drill} signed={signed?.[k]} /></div>
            <div className="key-changes">
              <span>{T.mom} <Change fkey={k} now={f.value} before={view.previousValues[k]} unit={f.unit} /></span>
              <span>{T.yoy} <Change fkey={k} now={f.value} before={view.lastYearValues[k]} unit={f.unit} /></span>
            </div>
          </div>
        )
      })}
    </div>
  )
}

/** A group of figures as rows: 本期 | 上期 (环比) | 去年同期 (同比). */
export function FigureTable({ view, group, figures, drill, title }: { view: TallyView; group: FigureGroup; figures: Figure[]; drill: Drill; title?: string }) {
  if (figures.length === 0) return null
  const signed = view.signoff?.figures
  return (
    <section className="card figure-card" aria-label={title ?? FIGURE_GROUPS[group]}>
      <h3>{title ?? FIGURE_GROUPS[group]}</h3>
      <table className="fig-table">
        <thead>
          <tr>
            <th>{T.item}</th>
            <th className="n">{T.now}</th>
            <th className="n" title={T.previous(view.previous.label)}>{T.mom}</th>
            <th className="n" title={T.lastYear(view.lastYear.label)}>{T.yoy}</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => {
            const prev = view.previousValues[f.key]
            const last = view.lastYearValues[f.key]
            return (
              <tr key={f.key} data-key={f.key}>
                <td>{f.label}</td>
                <td className="n"><Num value={f.value} unit={f.unit} period={view.period.code} fkey={f.key} drill={drill} signed={signed && !f.key.startsWith('quota.') && !f.key.startsWith('accounts.') ? signed[f.key] ?? 0 : undefined} /></td>
                <td className="n"><Num value={prev ?? 0} period={view.previous.code} fkey={f.key} drill={drill} /> <Change fkey={f.key} now={f.value} before={prev} unit={f.unit} /></td>
                <td className="n"><Num value={last ?? 0} period={view.lastYear.code} fkey={f.key} drill={drill} /> <Change fkey={f.key} now={f.value} before={last} unit={f.unit} /></td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}

/** The period of one matrix cell: the whole month, or the part of it inside a custom range. */
function cellPeriod(month: string, from: string, to: string): string {
  const m = monthRange(month)
  const a = m.from < from ? from : m.from
  const b = m.to > to ? to : m.to
  return a === m.from && b === m.to ? month : `${a}..${b}`
}

export function ChannelMatrix({ view, drill }: { view: TallyView; drill: Drill }) {
  const { matrix, period } = view
  const { from, to } = matrix
  const whole = from === period.from && to === period.to ? period.code : `${from}..${to}`
  return (
    <section className="card" aria-label={T.matrix}>
      <h3>{T.matrix}{matrix.note ? <span className="muted small">（{matrix.note}）</span> : null}</h3>
      <div className="matrix-scroll">
        <table className="fig-table matrix" aria-label={T.matrix}>
          <thead>
            <tr>
              <th>{T.channel}</th>
              {matrix.months.map((m) => <th key={m} className={`n${m === period.code ? ' current' : ''}`}>{T.month(m)}</th>)}
              <th className="n">{T.total}</th>
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((r) => (
              <tr key={r.channel} className={r.total === 0 ? 'zero' : undefined}>
                <td>{CHANNELS[r.channel]}</td>
                {r.counts.map((n, i) => (
                  <td key={matrix.months[i]} className={`n${matrix.months[i] === period.code ? ' current' : ''}`}>
                    <Num value={n} period={cellPeriod(matrix.months[i], from, to)} fkey={`channel.${r.channel}.count`} drill={drill} />
                  </td>
                ))}
                <td className="n total"><Num value={r.total} period={whole} fkey={`channel.${r.channel}.count`} drill={drill} /></td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td>{T.total}</td>
              {matrix.totals.map((n, i) => (
                <td key={matrix.months[i]} className="n"><Num value={n} period={cellPeriod(matrix.months[i], from, to)} fkey="pieces.total" drill={drill} /></td>
              ))}
              <td className="n total"><Num value={matrix.total} period={whole} fkey="pieces.total" drill={drill} /></td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  )
}

const LEVELS = ['国家级', '省级', '市级', '县级']

export function LevelsTable({ view, drill }: { view: TallyView; drill: Drill }) {
  const s = view.set.submissions
  const levels = [...LEVELS, ...Object.keys(s.submittedByLevel).filter((l) => !LEVELS.includes(l))]
  const code = view.period.code
  return (
    <section className="card figure-card" aria-label={T.levelsTitle}>
      <h3>{T.levelsTitle}</h3>
      <table className="fig-table">
        <thead>
          <tr><th>{T.level}</th><th className="n">{T.submitted}</th><th className="n">{T.accepted}</th><th className="n">{T.rate}</th></tr>
        </thead>
        <tbody>
          {levels.map((l) => {
            const sub = s.submittedByLevel[l] ?? 0
            const acc = s.acceptedByLevel[l] ?? 0
            return (
              <tr key={l}>
                <td>{l}</td>
                <td className="n"><Num value={sub} period={code} fkey={`submissions.submitted.${l}`} drill={drill} /></td>
                <td className="n"><Num value={acc} period={code} fkey={`submissions.accepted.${l}`} drill={drill} /></td>
                <td className="n">{sub ? `${Math.round((acc / sub) * 1000) / 10}%` : '—'}</td>
              </tr>
            )
          })}
        </tbody>
        <tfoot>
          <tr>
            <td>{T.total}</td>
            <td className="n"><Num value={s.submitted} period={code} fkey="submissions.submitted" drill={drill} /></td>
            <td className="n"><Num value={s.accepted} period={code} fkey="submissions.accepted" drill={drill} /></td>
            <td className="n">{s.submitted ? `${Math.round((s.accepted / s.submitted) * 1000) / 10}%` : '—'}</td>
          </tr>
        </tfoot>
      </table>
      {s.paidExcluded > 0 && <p className="muted small">{T.paidNote(s.paidExcluded)}</p>}
    </section>
  )
}
