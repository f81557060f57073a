// The inputs of one channel's own fields, drawn from the shared field table (shared/contract/channel-fields.ts).
import { useQuery } from '../../hooks'
import { Field, splitList } from '../Field'
import { DateInput } from '../DateInput'
import { CHANNEL_FIELDS, type ChannelField } from '../../../../shared/contract/channel-fields'
import { PLATFORM_OF_CHANNEL } from '../../../../shared/contract/registries'
import { OUTLET_LEVELS, type Channel } from '../../../../shared/channels'
import { ledLeadWarning } from '../../../../shared/workflow'
import { isCalendarDate } from '../../../../shared/dates'
import { useWorkCalendar } from '../../work-calendar'
import type { Profile } from '../../../../shared/contract/app'
import type { Inputs } from './piece-values'

const T = { unset: '未填', choose: '请选择', leadNote: '送审时会提醒：' }

export function ChannelFields({ channel, date, inputs, setInputs, errors, profile, today }: { channel: Channel; date: string; inputs: Inputs; setInputs: (f: (i: Inputs) => Inputs) => void; errors: Record<string, string>; profile: Profile; today: string }) {
  const outlets = useQuery('outlet-list', {})
  const accounts = useQuery('account-list', {})
  const bilingual = useQuery('language-list', {})
  const set = (key: string, v: string | boolean) => setInputs((i) => ({ ...i, [key]: v }))
  const workdays = useWorkCalendar()

  function suggestions(f: ChannelField): string[] {
    if (!f.suggest) return []
    if (f.suggest === 'outlets') return (outlets.data ?? []).map((o) => o.name)
    if (f.suggest === 'departments') return profile.departments
    if (f.suggest === 'bilingual') return bilingual.data ?? []
    if (f.suggest === 'accounts') {
      const platform = PLATFORM_OF_CHANNEL[channel]
      return (accounts.data ?? []).filter((a) => a.platform === platform && a.status === '在用').map((a) => a.name)
    }
    return [...f.suggest]
  }

  /** Picking an outlet from the registry fills in its level. */
  function setVenue(f: ChannelField, v: string) {
    const outlet = f.suggest === 'outlets' ? outlets.data?.find((o) => o.name === v) : undefined
    setInputs((i) => ({ ...i, [f.key]: v, ...(outlet ? { outletLevel: outlet.level } : {}) }))
  }

  function input(f: ChannelField) {
    const v = inputs[f.key] ?? ''
    const id = `cf-${channel}-${f.key}`
    switch (f.kind) {
      case 'count':
        return <input type="number" min={0} step={1} value={String(v)} onChange={(e) => set(f.key, e.target.value)} />
      case 'date':
        return <DateInput label={f.label} value={String(v)} onChange={(d) => set(f.key, d)} />
      case 'level':
        return (
          <select value={String(v)} onChange={(e) => set(f.key, e.target.value)}>
            <option value="">{T.choose}</option>
            {OUTLET_LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
          </select>
        )
      case 'select': {
        const options = f.options ?? []
        return (
          <select value={String(v)} onChange={(e) => set(f.key, e.target.value)}>
            <option value="">{T.choose}</option>
            {/* A value from an older import that is not in today's list stays selectable. */}
            {v && !options.includes(String(v)) && <option value={String(v)}>{String(v)}</option>}
            {options.map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
        )
      }
      case 'bool':
        if (f.where === 'column') {
          return (
            <span className="check">
              <input type="checkbox" checked={v === true} onChange={(e) => set(f.key, e.target.checked)} />
              {f.options?.[0]}
            </span>
          )
        }
        return (
          <select value={String(v)} onChange={(e) => set(f.key, e.target.value)}>
            <option value="">{T.unset}</option>
            <option value="true">{f.options?.[0]}</option>
            <option value="false">{f.options?.[1]}</option>
          </select>
        )
      case 'list':
        return input({ ...f, kind: 'text' })
      default: {
        const list = suggestions(f)
        return (
          <>
            <input list={list.length ? id : undefined} value={String(v)} onChange={(e) => (f.key === 'venue' ? setVenue(f, e.target.value) : set(f.key, e.target.value))} />
            {list.length > 0 && <datalist id={id}>{list.map((s) => <option key={s} value={s} />)}</datalist>}
          </>
        )
      }
    }
  }

  // On 展示开始, or on 日期 when no display window is given; only for a display still to come (a past one is being
  // recorded, not requested).
  const start = String(inputs.displayStart || date)
  const lead = channel === 'led' && isCalendarDate(start) ? ledLeadWarning(workdays, today, start) : null
  return (
    <div className="grid">
      {CHANNEL_FIELDS[channel].map((f) => {
        const name = f.where === 'extra' ? `extra.${f.key}` : f.key
        if (f.kind === 'list' && f.suggest === 'bilingual') return <Checks key={`${channel}-${f.key}`} field={f} name={name} options={suggestions(f)} value={String(inputs[f.key] ?? '')} error={errors[name]} onChange={(v) => set(f.key, v)} />
        return (
          <Field key={`${channel}-${f.key}`} label={f.label} name={name} error={errors[name]} hint={f.hint}>
            {input(f)}
          </Field>
        )
      })}
      {lead && <p className="warn-note wide" role="note">{T.leadNote}{lead}</p>}
    </div>
  )
}

/**
 * A closed list (设置 › 双语形式) as boxes to tick, never typed, so only real bilingual forms count as 双语. A value
 * an older version stored outside the list is still shown, ticked, so saving never drops it unseen.
 */
function Checks({ field, name, options, value, error, onChange }: { field: ChannelField; name: string; options: string[]; value: string; error?: string; onChange: (v: string) => void }) {
  const picked = splitList(value)
  const shown = [...options, ...picked.filter((x) => !options.includes(x))]
  const toggle = (x: string, on: boolean) => onChange((on ? [...picked, x] : picked.filter((y) => y !== x)).join('、'))
  return (
    <fieldset className={`field check-field${error ? ' has-error' : ''}`} data-field={name}>
      <legend className="field-label">{field.label}</legend>
      <span className="check-group">
        {shown.map((x) => (
          <label key={x} className="check">
            <input type="checkbox" checked={picked.includes(x)} onChange={(e) => toggle(x, e.target.checked)} />
            {x}
          </label>
        ))}
      </span>
      {error ? <span className="field-error" role="alert">{error}</span> : field.hint ? <span className="field-hint">{field.hint}</span> : null}
    </fieldset>
  )
}
