// 重复: the piece form's repeat option (不重复/每周/每月/每季度, the weekday or day, 截止日期 or 次数) with the next
// dates it will make. The rule and its checks are shared/series.ts, the same the handler applies on save.
import { Field } from '../Field'
import { DateInput } from '../DateInput'
import { FREQS, MAX_OCCURRENCES, WEEKDAYS, occurrenceLabel, occurrences, ruleProblems, seriesText, type Freq, type RepeatRule } from '../../../../shared/series'
import { formatDate, isCalendarDate } from '../../../../shared/dates'
import { useWorkCalendar } from '../../work-calendar'
import type { RepeatInput } from '../../../../shared/contract/series'
import './repeat-fields.css'

const T = {
  repeat: '重复',
  none: '不重复',
  weekday: '星期',
  monthDay: '每月日期',
  lastDay: '最后一天',
  end: '结束于',
  until: '截止日期',
  count: '次数',
  countHint: `1–${MAX_OCCURRENCES} 次`,
  titleHint: '标题可写 {日期}、{序号}，每条稿件各自替换，如：工作动态（{日期}）',
  preview: '将生成：',
  more: (n: number) => `等共 ${n} 条`,
  drafts: '各条先存为草稿，提前 62 天生成；送审、发布后才计入指标'
}

export interface RepeatDraft {
  freq: Freq | 'none'
  weekday: number
  monthDay: number
  end: 'until' | 'count'
  until: string
  count: string
}

/** A new repeat choice: 不重复, with the weekday and day of the piece's date ready when the officer picks one. */
export function newRepeat(date: string): RepeatDraft {
  const ok = isCalendarDate(date)
  return { freq: 'none', weekday: ok ? Number(formatDate(date, 'i')) : 1, monthDay: ok ? Number(formatDate(date, 'd')) : 1, end: 'count', until: '', count: '8' }
}

/** What series-create takes (null for 不重复). */
export function repeatPayload(r: RepeatDraft): RepeatInput | null {
  if (r.freq === 'none') return null
  const count = r.count.trim() === '' ? NaN : Number(r.count)
  return {
    freq: r.freq,
    weekday: r.freq === 'weekly' ? r.weekday : null,
    monthDay: r.freq === 'weekly' ? null : r.monthDay,
    until: r.end === 'until' ? r.until || null : null,
    count: r.end === 'count' ? (Number.isFinite(count) ? count : null) : null
  }
}

function ruleOf(r: RepeatDraft, start: string): RepeatRule | null {
  const p = repeatPayload(r)
  if (!p || !isCalendarDate(start)) return null
  return { freq: p.freq, interval: 1, weekday: p.weekday ?? null, monthDay: p.monthDay ?? null, start, until: p.until ?? null, count: p.count ?? null }
}

export function RepeatFields({ value, onChange, start, errors }: { value: RepeatDraft; onChange: (r: RepeatDraft) => void; start: string; errors: Record<string, string> }) {
  const set = (patch: Partial<RepeatDraft>) => onChange({ ...value, ...patch })
  const workdays = useWorkCalendar()
  const rule = ruleOf(value, start)
  const problems = rule ? ruleProblems(rule) : []
  const mine = (f: string) => errors[f] ?? problems.find((p) => p.field === f)?.message
  const next = rule && problems.length === 0 ? occurrences(rule, { limit: 5 }) : []
  const total = rule && problems.length === 0 ? occurrences(rule).length : 0
  return (
    <fieldset className="repeat-fields" data-testid="repeat-fields">
      <div className="grid">
        <Field label={T.repeat} name="freq" error={errors.freq}>
          <select
            value={value.freq}
            // Picking a repeat starts from the piece's date as it is now: its weekday, its day of the month.
            onChange={(e) => set({ ...(value.freq === 'none' ? newRepeat(start) : {}), freq: e.target.value as RepeatDraft['freq'] })}
          >
            <option value="none">{T.none}</option>
            {(Object.keys(FREQS) as Freq[]).map((f) => (
              <option key={f} value={f}>{FREQS[f]}</option>
            ))}
          </select>
        </Field>
        {value.freq === 'weekly' && (
          <Field label={T.weekday} name="weekday" error={mine('weekday')}>
            <select value={value.weekday} onChange={(e) => set({ weekday: Number(e.target.value) })}>
              {WEEKDAYS.slice(1).map((w, i) => (
                <option key={w} value={i + 1}>{w}</option>
              ))}
            </select>
          </Field>
        )}
        {(value.freq === 'monthly' || value.freq === 'quarterly') && (
          <Field label={T.monthDay} name="monthDay" error={mine('monthDay')}>
            <select value={value.monthDay} onChange={(e) => set({ monthDay: Number(e.target.value) })}>
              {Array.from({ length: 31 }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>{n === 31 ? T.lastDay : `${n}日`}</option>
              ))}
            </select>
          </Field>
        )}
        {value.freq !== 'none' && (
          <Field label={T.end} name="end">
            <select value={value.end} onChange={(e) => set({ end: e.target.value as RepeatDraft['end'] })}>
              <option value="count">{T.count}</option>
              <option value="until">{T.until}</option>
            </select>
          </Field>
        )}
        {value.freq !== 'none' && value.end === 'until' && (
          <Field label={T.until} name="until" error={mine('until')}>
            <DateInput label={T.until} value={value.until} onChange={(until) => set({ until })} />
          </Field>
        )}
        {value.freq !== 'none' && value.end === 'count' && (
          <Field label={T.count} name="count" error={mine('count') ?? (value.end === 'count' ? mine('until') : undefined)} hint={T.countHint}>
            <input inputMode="numeric" value={value.count} onChange={(e) => set({ count: e.target.value })} />
          </Field>
        )}
      </div>
      {rule && next.length > 0 && (
        <p className="repeat-preview" data-testid="repeat-preview">
          <strong>{seriesText(rule)}</strong> · {T.preview}
          {next.map((o) => {
            const day = workdays.day(o.date)
            return `${occurrenceLabel(o.date)}（${WEEKDAYS[Number(formatDate(o.date, 'i'))]}${day.kind === 'holiday' ? `，${day.holiday}放假` : day.kind === 'makeup' ? '，调休上班' : ''}）`
          }).join('、')}
          {total > next.length ? T.more(total) : ''}
          <span className="muted small"> {T.drafts}</span>
        </p>
      )}
      {value.freq !== 'none' && <p className="muted small">{T.titleHint}</p>}
    </fieldset>
  )
}
