// Choosing what to tally: a month (the default), a quarter, a half-year, a whole year or any range of dates.
import { useState } from 'react'
import { parsePeriod, periodProblem, previousPeriod, type PeriodKind } from '../../../../shared/periods'
import { addMonths } from '../../../../shared/dates'
import { DateInput } from '../DateInput'

const T = {
  modes: { month: '月', quarter: '季度', half: '半年', year: '全年', range: '自定义' } as Record<PeriodKind, string>,
  month: '月份',
  prevMonth: '上个月',
  nextMonth: '下个月',
  year: '年份',
  quarter: '季度',
  quarters: ['第一季度', '第二季度', '第三季度', '第四季度'],
  half: '半年',
  halves: ['上半年', '下半年'],
  from: '开始日期',
  to: '结束日期',
  till: '至',
  yearOf: (y: number) => `${y}年`,
  monthOf: (m: string) => `${Number(m)}月`,
  apply: '统计',
  modeLabel: '统计区间'
}
const MODES: PeriodKind[] = ['month', 'quarter', 'half', 'year', 'range']
const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12']

export function PeriodPicker({ code, today, onChange }: { code: string; today: string; onChange: (code: string) => void }) {
  const p = parsePeriod(code)
  const [mode, setMode] = useState<PeriodKind>(p.kind)
  const [from, setFrom] = useState(p.from)
  const [to, setTo] = useState(p.to)
  const [problem, setProblem] = useState<string | null>(null)
  const year = Number(p.from.slice(0, 4))
  const years: number[] = []
  for (let y = Number(today.slice(0, 4)); y >= Math.min(year, Number(today.slice(0, 4)) - 9); y--) years.push(y)

  function pick(m: PeriodKind): void {
    setMode(m)
    setProblem(null)
    const month = p.to.slice(0, 7)
    const q = Math.ceil(Number(month.slice(5)) / 3)
    if (m === 'month') onChange(month)
    else if (m === 'quarter') onChange(`${year}Q${q}`)
    else if (m === 'half') onChange(`${year}H${Number(month.slice(5)) <= 6 ? 1 : 2}`)
    else if (m === 'year') onChange(String(year))
  }

  function applyRange(): void {
    const c = `${from}..${to}`
    const why = periodProblem(c)
    setProblem(why)
    if (!why) onChange(c)
  }

  return (
    <div className="period-picker no-print" role="group" aria-label={T.modeLabel}>
      <div className="segmented" role="tablist">
        {MODES.map((m) => (
          <button key={m} type="button" role="tab" aria-selected={mode === m} className={mode === m ? 'on' : ''} onClick={() => pick(m)}>{T.modes[m]}</button>
        ))}
      </div>
      {mode === 'month' && (
        <span className="picker-controls">
          <button type="button" aria-label={T.prevMonth} onClick={() => onChange(previousPeriod(p).code)}>‹</button>
          <select aria-label={T.year} value={year} onChange={(e) => onChange(`${e.target.value}-${p.to.slice(5, 7)}`)}>
            {years.map((y) => <option key={y} value={y}>{T.yearOf(y)}</option>)}
          </select>
          <select aria-label={T.month} value={p.to.slice(5, 7)} onChange={(e) => onChange(`${year}-${e.target.value}`)}>
            {MONTHS.map((m) => <option key={m} value={m}>{T.monthOf(m)}</option>)}
          </select>
          <button type="button" aria-label={T.nextMonth} disabled={p.code >= today.slice(0, 7)} onClick={() => onChange(addMonths(p.code, 1))}>›</button>
        </span>
      )}
      {(mode === 'quarter' || mode === 'half' || mode === 'year') && (
        <span className="picker-controls">
          <select aria-label={T.year} value={year} onChange={(e) => onChange(p.kind === 'year' ? e.target.value : `${e.target.value}${p.code.slice(4)}`)}>
            {years.map((y) => <option key={y} value={y}>{T.yearOf(y)}</option>)}
          </select>
          {mode === 'quarter' && (
            <select aria-label={T.quarter} value={p.code.slice(5)} onChange={(e) => onChange(`${year}Q${e.target.value}`)}>
              {T.quarters.map((q, i) => <option key={q} value={i + 1}>{q}</option>)}
            </select>
          )}
          {mode === 'half' && (
            <select aria-label={T.half} value={p.code.slice(5)} onChange={(e) => onChange(`${year}H${e.target.value}`)}>
              {T.halves.map((h, i) => <option key={h} value={i + 1}>{h}</option>)}
            </select>
          )}
        </span>
      )}
      {mode === 'range' && (
        <span className="picker-controls">
          <DateInput label={T.from} value={from} onChange={setFrom} />
          <span>{T.till}</span>
          <DateInput label={T.to} value={to} onChange={setTo} />
          <button type="button" className="primary" onClick={applyRange}>{T.apply}</button>
          {problem && <span className="field-error" role="alert">{problem}</span>}
        </span>
      )}
    </div>
  )
}
