// One week of the calendar: day numbers, LED display windows as bars across the days they run, and each day's
// pieces as chips coloured by channel. Planned pieces can be dragged to another day of any week on screen.
import type { PieceDefaults } from '../PieceForm'
import type { DragEvent, KeyboardEvent } from 'react'
import { CHANNELS, STATUSES, COUNTED_STATUSES, type Status } from '../../../../shared/channels'
import type { CalendarItem } from '../../../../shared/contract/calendar'
import type { PlanningKind } from '../../../../shared/planning-days'

const T = { off: '休', work: '班', offTitle: (h: string) => `${h}放假`, workTitle: (h: string) => `${h}调休上班`, today: '今天', range: (from: string, to: string) => `${from} 至 ${to}`, more: (n: number) => `另有 ${n} 项` }

export const DRAG_TYPE = 'application/x-desk-piece'
const MAX_LANES = 4
const MOVABLE: Status[] = ['draft', 'pending', 'approved', 'scheduled']

export const isSpan = (i: CalendarItem) => i.channel === 'led'

interface Lane {
  item: CalendarItem
  from: number
  to: number
  lane: number
  clipStart: boolean
  clipEnd: boolean
}

/** Greedy lanes: each display window takes the first lane free over its days within this week. */
function lanesOf(days: string[], spans: CalendarItem[]): Lane[] {
  const out: Lane[] = []
  const busy: number[][] = []
  for (const item of spans) {
    if (item.end < days[0] || item.start > days[6]) continue
    const from = Math.max(0, days.indexOf(item.start < days[0] ? days[0] : item.start))
    const to = item.end > days[6] ? 6 : days.indexOf(item.end)
    let lane = 0
    while (busy[lane]?.some((d) => d >= from && d <= to)) lane++
    ;(busy[lane] ??= []).push(...Array.from({ length: to - from + 1 }, (_, k) => from + k))
    out.push({ item, from, to, lane, clipStart: item.start < days[0], clipEnd: item.end > days[6] })
  }
  return out
}

export function chipClass(i: CalendarItem): string {
  const planned = !COUNTED_STATUSES.includes(i.status)
  return `cal-chip cal-c-${i.channel}${planned ? ' planned' : ''}`
}

/** What a day cell says about the day itself: 休 / 班 and the 节点日 on it. */
export interface DayMark {
  /** 'off': a statutory day off; 'work': a 调休 working day; with the holiday it belongs to. */
  rest?: { kind: 'off' | 'work'; holiday: string }
  /** `draft`: the piece the day suggests, drafted by clicking its name (as 近期节点's 起草). */
  labels: { name: string; kind: PlanningKind; draft?: PieceDefaults }[]
}

export function WeekRow({ days, month, today, items, maxPerDay, onOpen, onDrop, onMore, onDraft, marks = {} }: {
  days: string[]
  /** 'YYYY-MM' of the month shown (days outside it are dimmed), or null in the week view. */
  month: string | null
  today: string
  items: CalendarItem[]
  maxPerDay: number
  onOpen: (id: number) => void
  onDrop: (id: number, date: string) => void
  onMore: (date: string) => void
  marks?: Record<string, DayMark>
  onDraft?: (d: PieceDefaults) => void
}) {
  const lanes = lanesOf(days, items.filter(isSpan))
  const laneCount = Math.min(MAX_LANES, lanes.reduce((n, l) => Math.max(n, l.lane + 1), 0))
  const hiddenSpans = (i: number) => lanes.filter((l) => l.lane >= MAX_LANES && l.from <= i && l.to >= i).length

  function drop(e: DragEvent<HTMLDivElement>) {
    const id = Number(e.dataTransfer.getData(DRAG_TYPE))
    if (!id) return
    e.preventDefault()
    // The day under the pointer, by position: a drop on a bar that spans several days still lands on one day.
    const rect = e.currentTarget.getBoundingClientRect()
    const col = Math.min(6, Math.max(0, Math.floor(((e.clientX - rect.left) / rect.width) * 7)))
    onDrop(id, days[col])
  }

  // Chips are divs with the button role: Chromium does not start a drag from a <button>.
  const chipProps = (i: CalendarItem) => ({
    role: 'button',
    tabIndex: 0,
    onClick: () => onOpen(i.id),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault()
        onOpen(i.id)
      }
    },
    ...(MOVABLE.includes(i.status)
      ? {
          draggable: true,
          onDragStart: (e: DragEvent) => {
            e.dataTransfer.setData(DRAG_TYPE, String(i.id))
            e.dataTransfer.effectAllowed = 'move'
          }
        }
      : {})
  })

  return (
    <div
      className={`cal-week lanes-${laneCount}`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(DRAG_TYPE)) e.preventDefault()
      }}
      onDrop={drop}
    >
      {days.map((d, i) => (
        <div key={`bg-${d}`} className={`cal-bg gs-${i + 1}${month && d.slice(0, 7) !== month ? ' other' : ''}${d === today ? ' today' : ''}${marks[d]?.rest?.kind === 'off' ? ' off' : ''}`} data-date={d} />
      ))}
      {days.map((d, i) => (
        <div key={`n-${d}`} className={`cal-daynum gs-${i + 1}`} data-date={d}>
          <span className="daynum-n">{Number(d.slice(8))}</span>
          {marks[d]?.rest && (
            <span className={`rest ${marks[d].rest!.kind}`} title={marks[d].rest!.kind === 'off' ? T.offTitle(marks[d].rest!.holiday) : T.workTitle(marks[d].rest!.holiday)}>
              {marks[d].rest!.kind === 'off' ? T.off : T.work}
            </span>
          )}
          {d === today && <span className="today-mark">{T.today}</span>}
        </div>
      ))}
      {lanes
        .filter((l) => l.lane < MAX_LANES)
        .map((l) => (
          <div
            key={`s-${l.item.id}`}
            className={`cal-span ${chipClass(l.item)} gs-${l.from + 1} ge-${l.to + 2} gr-${l.lane + 2}${l.clipStart ? ' clip-start' : ''}${l.clipEnd ? ' clip-end' : ''}`}
            title={`${CHANNELS[l.item.channel]} · ${STATUSES[l.item.status]} · ${T.range(l.item.start, l.item.end)}：${l.item.title}`}
            {...chipProps(l.item)}
          >
            {l.item.title}
          </div>
        ))}
      {days.map((d, i) => {
        // Planned pieces first: they are the ones the officer acts on (and drags); done ones may fold into "另有".
        const mine = items.filter((x) => !isSpan(x) && x.date === d).sort((a, b) => Number(COUNTED_STATUSES.includes(a.status)) - Number(COUNTED_STATUSES.includes(b.status)))
        const more = mine.length - maxPerDay + hiddenSpans(i)
        return (
          <div key={`i-${d}`} className={`cal-items gs-${i + 1}`} data-date={d}>
            {marks[d]?.labels.length ? (
              <div className="day-labels" data-date={d} title={marks[d].labels.map((l) => `${l.kind}：${l.name}`).join('\n')}>
                {marks[d].labels.map((l) => (
                  l.draft && onDraft ? (
                    <button key={l.name} type="button" className={`day-label k-${l.kind} draftable`} aria-label={`起草 ${l.name}`} onClick={() => onDraft(l.draft!)}>{l.name}</button>
                  ) : (
                    <span key={l.name} className={`day-label k-${l.kind}`}>{l.name}</span>
                  )
                ))}
              </div>
            ) : null}
            {mine.slice(0, maxPerDay).map((x) => (
              <div key={x.id} className={chipClass(x)} title={`${CHANNELS[x.channel]} · ${STATUSES[x.status]}：${x.title}`} {...chipProps(x)}>
                {x.title}
              </div>
            ))}
            {more > 0 && (
              <button type="button" className="link cal-more" onClick={() => onMore(d)}>
                {T.more(more)}
              </button>
            )}
          </div>
        )
      })}
    </div>
  )
}
