import { useMemo, useState } from 'react'
import { invoke } from '../api'
import { useQuery } from '../hooks'
import { WeekRow, type DayMark } from '../components/calendar/WeekRow'
import { UpcomingDays } from '../components/calendar/UpcomingDays'
import { PieceDetail } from '../components/PieceDetail'
import { PieceForm, type PieceDefaults } from '../components/PieceForm'
import { Drawer } from '../components/Overlay'
import { DateInput } from '../components/DateInput'
import { offerUndo } from '../components/Toast'
import { CHANNELS, CHANNEL_CODES } from '../../../shared/channels'
import { addDays, addMonths, isCalendarDate, mondayOf, monthRange } from '../../../shared/dates'
import { unknownYearsText } from '../../../shared/china-calendar'
import { draftFor } from '../../../shared/planning-days'
import { useWorkCalendar } from '../work-calendar'
import type { Profile } from '../../../shared/contract/app'
import './calendar.css'

const T = {
  title: '日程',
  prevMonth: '上个月',
  nextMonth: '下个月',
  prevWeek: '上一周',
  nextWeek: '下一周',
  today: '今天',
  month: '月',
  week: '周',
  view: '视图',
  add: '新建日程',
  detail: '稿件详情',
  monthTitle: (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`,
  weekTitle: (from: string, to: string) => `${from.slice(0, 4)}年${Number(from.slice(5, 7))}月${Number(from.slice(8))}日 – ${Number(to.slice(5, 7))}月${Number(to.slice(8))}日`,
  weekdays: ['一', '二', '三', '四', '五', '六', '日'],
  hint: '虚线框为计划中的稿件（草稿、审核中、已排期），可拖到其他日期改期；实线为已发布或已完成。LED屏按展示时段画成横条。',
  moved: (title: string, from: string, to: string) => `已改期：《${title}》${from} → ${to}`,
  close: '关闭',
  jumpMonth: '跳转到月份',
  jumpYear: '年份',
  jumpMonthOnly: '月份',
  jumpWeek: '跳转到日期所在周',
  draft: '起草节点稿件',
  setHolidays: '去设置',
  moveWarning: '改期后请注意：'
}

/** The position in the hash: 'YYYY-MM' a month, 'YYYY-MM-DD' the week of that day. */
const MONTH = /^\d{4}-\d{2}$/
function positionOf(part: string | undefined): { view: 'month' | 'week'; anchor: string } | null {
  if (part && MONTH.test(part) && isCalendarDate(`${part}-01`)) return { view: 'month', anchor: `${part}-01` }
  if (part && isCalendarDate(part)) return { view: 'week', anchor: part }
  return null
}

/** The years the month picker offers: a few either side of this year, and the year on screen. */
function yearsAround(thisYear: number, shown: number): number[] {
  const from = Math.min(thisYear - 5, shown)
  const to = Math.max(thisYear + 2, shown)
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/** 休 / 班 and the 节点日 of each day on screen. */
function useMarks(from: string, to: string): { marks: Record<string, DayMark>; unknownYears: number[]; loaded: boolean } {
  const cal = useWorkCalendar()
  const q = useQuery('planning-days', { from, to })
  return useMemo(() => {
    const marks: Record<string, DayMark> = {}
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const day = cal.day(d)
      marks[d] = { labels: [], ...(day.kind === 'holiday' ? { rest: { kind: 'off', holiday: day.holiday! } } : day.kind === 'makeup' ? { rest: { kind: 'work', holiday: day.holiday! } } : {}) }
    }
    for (const p of q.data?.days ?? []) {
      // A day that runs several days (a holiday, a 宣传周) is named on its first day and on each Monday it runs into;
      // a theme month on its first day only.
      for (let d = p.from < from ? from : p.from; d <= p.to && d <= to; d = addDays(d, 1)) {
        const first = d === p.from || d === from || d === mondayOf(d)
        if (p.kind === '主题月' ? d !== p.from && d !== from : p.from !== p.to && !first) continue
        marks[d]?.labels.push({ name: p.years !== undefined ? `${p.name}${p.years}周年` : p.name, kind: p.kind, draft: draftFor(p) ?? undefined })
      }
    }
    return { marks, unknownYears: q.data?.unknownYears ?? [], loaded: q.data != null || q.error != null }
  }, [cal, q.data, q.error, from, to])
}

function weeksOf(month: string): string[][] {
  const { from, to } = monthRange(month)
  const weeks: string[][] = []
  for (let start = mondayOf(from); start <= to; start = addDays(start, 7)) weeks.push(Array.from({ length: 7 }, (_, i) => addDays(start, i)))
  return weeks
}

export function Calendar({ profile, today, route, go }: { profile: Profile; today: string; route: string[]; go: (p: string) => void }) {
  // The viewed month or week lives in the hash (#/calendar/2023-10, #/calendar/2023-10-09), so back/forward works.
  const pos = positionOf(route[0])
  const rest = pos ? route.slice(1) : route
  const view = pos?.view ?? 'month'
  const anchor = pos?.anchor ?? today
  const here = view === 'month' ? anchor.slice(0, 7) : anchor
  const at = (path = '') => `calendar/${here}${path ? `/${path}` : ''}`
  const show = (v: 'month' | 'week', a: string) => go(`calendar/${v === 'month' ? a.slice(0, 7) : a}${rest.length ? `/${rest.join('/')}` : ''}`)
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null)
  const [warnings, setWarnings] = useState<string[]>([])
  const [draft, setDraft] = useState<PieceDefaults | null>(null)

  const month = anchor.slice(0, 7)
  const weeks = view === 'month' ? weeksOf(month) : [Array.from({ length: 7 }, (_, i) => addDays(mondayOf(anchor), i))]
  const from = weeks[0][0]
  const to = weeks[weeks.length - 1][6]
  const items = useQuery('calendar-items', { from, to })
  const { marks, unknownYears, loaded } = useMarks(from, to)

  const opened = rest[0] && /^\d+$/.test(rest[0]) ? Number(rest[0]) : null
  const creating = rest[0] === 'new' ? (rest[1] ?? anchor) : null

  function shift(n: number) {
    if (view === 'week') show('week', addDays(anchor, 7 * n))
    else show('month', `${addMonths(month, n)}-01`)
  }

  async function reschedule(id: number, date: string) {
    const item = items.data?.find((i) => i.id === id)
    if (!item || item.date === date) return
    const r = await invoke('piece-reschedule', { id, date })
    if (!r.ok) return setNotice({ ok: false, text: r.error.message })
    setNotice(null)
    setWarnings(r.value.warnings)
    const undo = r.value.undo
    offerUndo(T.moved(item.title, item.date, date), undo && (() => invoke('piece-undo', undo)))
  }

  return (
    <section className="page calendar-page">
      <header className="page-head">
        <h1>{T.title}</h1>
        <div className="cal-toolbar">
          <button onClick={() => shift(-1)}>‹ {view === 'month' ? T.prevMonth : T.prevWeek}</button>
          <strong className="cal-title" data-testid="calendar-title">{view === 'month' ? T.monthTitle(month) : T.weekTitle(from, to)}</strong>
          <button onClick={() => shift(1)}>{view === 'month' ? T.nextMonth : T.nextWeek} ›</button>
          <button onClick={() => show(view, today)}>{T.today}</button>
          {view === 'month' ? (
            <span className="cal-jump" role="group" aria-label={T.jumpMonth}>
              <select aria-label={T.jumpYear} value={Number(month.slice(0, 4))} onChange={(e) => show('month', `${e.target.value}-${month.slice(5, 7)}-01`)}>
                {yearsAround(Number(today.slice(0, 4)), Number(month.slice(0, 4))).map((y) => <option key={y} value={y}>{y}年</option>)}
              </select>
              <select aria-label={T.jumpMonthOnly} value={Number(month.slice(5, 7))} onChange={(e) => show('month', `${month.slice(0, 4)}-${e.target.value.padStart(2, '0')}-01`)}>
                {Array.from({ length: 12 }, (_, i) => <option key={i} value={i + 1}>{i + 1}月</option>)}
              </select>
            </span>
          ) : (
            <span className="cal-jump">
              <DateInput label={T.jumpWeek} value={anchor} onChange={(d) => isCalendarDate(d) && show('week', d)} />
            </span>
          )}
          <span className="seg" role="group" aria-label={T.view}>
            <button className={view === 'month' ? 'on' : ''} aria-pressed={view === 'month'} onClick={() => show('month', anchor)}>{T.month}</button>
            <button className={view === 'week' ? 'on' : ''} aria-pressed={view === 'week'} onClick={() => show('week', anchor.slice(0, 7) === today.slice(0, 7) ? today : anchor)}>{T.week}</button>
          </span>
          <button className="primary" onClick={() => go(at(`new/${anchor}`))}>{T.add}</button>
        </div>
      </header>
      <div className="cal-legend">
        {CHANNEL_CODES.map((c) => (
          <span key={c} className={`cal-chip cal-c-${c} legend`}>{CHANNELS[c]}</span>
        ))}
      </div>
      <p className="muted small">{T.hint}</p>
      {notice && (
        <div className={notice.ok ? 'cal-notice ok' : 'form-error'} role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
          <button className="link" onClick={() => setNotice(null)}>{T.close}</button>
        </div>
      )}
      {warnings.length > 0 && (
        <div className="cal-warning" role="alert">
          <span>{T.moveWarning}{warnings.join('；')}</span>
          <button className="link" onClick={() => setWarnings([])}>{T.close}</button>
        </div>
      )}
      {unknownYears.length > 0 && (
        <div className="cal-banner" role="status">
          <span>{unknownYearsText(unknownYears)}</span>
          <a href="#/settings/holidays">{T.setHolidays}</a>
        </div>
      )}
      {items.error && <div className="form-error">{items.error.message}</div>}
      <div className="cal-layout">
      <div className={`cal ${view}`} aria-label={T.title}>
        <div className="cal-head">
          {T.weekdays.map((w, i) => <div key={w} className={i >= 5 ? 'weekend' : ''}>{w}</div>)}
        </div>
        {weeks.map((days) => (
          <WeekRow
            key={days[0]}
            days={days}
            month={view === 'month' ? month : null}
            today={today}
            // The pieces appear with the day labels above them, so no chip moves under the officer's pointer.
            items={loaded ? (items.data ?? []) : []}
            maxPerDay={view === 'month' ? 3 : 30}
            marks={marks}
            onOpen={(id) => go(at(String(id)))}
            onDrop={(id, date) => void reschedule(id, date)}
            onMore={(date) => show('week', date)}
            onDraft={(d) => (opened !== null || creating ? go(at()) : null, setDraft(d))}
          />
        ))}
      </div>
      <UpcomingDays today={today} onDraft={(d) => (opened !== null || creating ? go(at()) : null, setDraft(d))} />
      </div>
      {(opened !== null || creating || draft) && (
        <Drawer
          className="cal-drawer"
          label={opened !== null ? T.detail : draft ? T.draft : T.add}
          focusPanel={opened !== null}
          onClose={() => (draft ? setDraft(null) : go(at()))}
        >
          {(close) => (
            <>
              {opened !== null && <PieceDetail id={opened} profile={profile} today={today} onClose={close} />}
              {(creating || draft) && opened === null && (
                <PieceForm
                  key={draft ? `${draft.date}:${draft.title}` : creating!}
                  profile={profile}
                  today={today}
                  defaultDate={creating ?? undefined}
                  defaults={draft ?? undefined}
                  onSaved={(p) => {
                    setDraft(null)
                    go(at(String(p.id)))
                  }}
                  onCancel={close}
                />
              )}
            </>
          )}
        </Drawer>
      )}
    </section>
  )
}
