import { useState } from 'react'
import { invoke } from '../api'
import { useQuery } from '../hooks'
import { WeekRow } from '../components/calendar/WeekRow'
import { PieceDetail } from '../components/PieceDetail'
import { PieceForm } from '../components/PieceForm'
import { Drawer } from '../components/Overlay'
import { offerUndo } from '../components/Toast'
import { CHANNELS, CHANNEL_CODES } from '../../../shared/channels'
import { addDays, addMonths, mondayOf, monthRange } from '../../../shared/dates'
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
  close: '关闭'
}

function weeksOf(month: string): string[][] {
  const { from, to } = monthRange(month)
  const weeks: string[][] = []
  for (let start = mondayOf(from); start <= to; start = addDays(start, 7)) weeks.push(Array.from({ length: 7 }, (_, i) => addDays(start, i)))
  return weeks
}

export function Calendar({ profile, today, route, go }: { profile: Profile; today: string; route: string[]; go: (p: string) => void }) {
  const [view, setView] = useState<'month' | 'week'>('month')
  const [anchor, setAnchor] = useState(today)
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null)

  const month = anchor.slice(0, 7)
  const weeks = view === 'month' ? weeksOf(month) : [Array.from({ length: 7 }, (_, i) => addDays(mondayOf(anchor), i))]
  const from = weeks[0][0]
  const to = weeks[weeks.length - 1][6]
  const items = useQuery('calendar-items', { from, to })

  const opened = route[0] && /^\d+$/.test(route[0]) ? Number(route[0]) : null
  const creating = route[0] === 'new' ? (route[1] ?? anchor) : null

  function shift(n: number) {
    if (view === 'week') setAnchor(addDays(anchor, 7 * n))
    else setAnchor(`${addMonths(month, n)}-01`)
  }

  async function reschedule(id: number, date: string) {
    const item = items.data?.find((i) => i.id === id)
    if (!item || item.date === date) return
    const r = await invoke('piece-reschedule', { id, date })
    if (!r.ok) return setNotice({ ok: false, text: r.error.message })
    setNotice(null)
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
          <button onClick={() => setAnchor(today)}>{T.today}</button>
          <span className="seg" role="group" aria-label={T.view}>
            <button className={view === 'month' ? 'on' : ''} aria-pressed={view === 'month'} onClick={() => setView('month')}>{T.month}</button>
            <button className={view === 'week' ? 'on' : ''} aria-pressed={view === 'week'} onClick={() => setView('week')}>{T.week}</button>
          </span>
          <button className="primary" onClick={() => go(`calendar/new/${anchor}`)}>{T.add}</button>
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
      {items.error && <div className="form-error">{items.error.message}</div>}
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
            items={items.data ?? []}
            maxPerDay={view === 'month' ? 3 : 30}
            onOpen={(id) => go(`calendar/${id}`)}
            onDrop={(id, date) => void reschedule(id, date)}
            onMore={(date) => {
              setAnchor(date)
              setView('week')
            }}
          />
        ))}
      </div>
      {(opened !== null || creating) && (
        <Drawer className="cal-drawer" label={opened !== null ? T.detail : T.add} focusPanel={opened !== null} onClose={() => go('calendar')}>
          {(close) => (
            <>
              {opened !== null && <PieceDetail id={opened} profile={profile} today={today} onClose={close} />}
              {creating && (
                <PieceForm
                  key={creating}
                  profile={profile}
                  today={today}
                  defaultDate={creating}
                  onSaved={(p) => go(`calendar/${p.id}`)}
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
