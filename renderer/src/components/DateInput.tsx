// A date field that takes the dates the office types — 2023-5-3, 2023/5/3, 2023年5月3日, 20230503 — and a
// calendar button for the system's own picker. A native <input type=date> takes neither typed Chinese forms nor
// text in another order, and its picker speaks the browser's language; this box reads typed text with the same
// parser as the ledger import (shared/dates.ts). The value in and out is always 'YYYY-MM-DD' (or '' when empty).
import { useEffect, useRef, useState } from 'react'
import { isCalendarDate, parseDateText } from '../../../shared/dates'
import './date-input.css'

const T = {
  placeholder: '如 2023-05-03',
  pick: '打开日历',
  pickShort: '日历',
  invalid: (label: string, why: string) => `${label}：${why}`
}

export interface DateInputProps {
  value: string
  onChange: (date: string) => void
  /** The field's name as the officer sees it: the box's accessible name and the start of its error. */
  label: string
  min?: string
  max?: string
  disabled?: boolean
}

export function DateInput({ value, onChange, label, min, max, disabled }: DateInputProps) {
  const [text, setText] = useState(value)
  const [error, setErrorState] = useState<string | null>(null)
  const box = useRef<HTMLInputElement>(null)
  const picker = useRef<HTMLInputElement>(null)

  /** A box holding text that is no date blocks its form's submit at once, with the same words as the line under it. */
  function setError(message: string | null): void {
    box.current?.setCustomValidity(message ?? '')
    setErrorState(message)
  }

  // A value set from outside (a form reset, another mention, the picker) replaces what the box shows, unless
  // the box already spells that day (2023年5月3日 typed stays as typed until it is left).
  useEffect(() => {
    setText((t) => {
      const r = parseDateText(t)
      return 'date' in r && r.date === value ? t : value
    })
    setError(null)
  }, [value])

  /** What the text means now; on blur / Enter the box also shows it as YYYY-MM-DD or says why it cannot. */
  function read(t: string, settle: boolean): void {
    if (t.trim() === '') {
      // Empty is the form's to judge (日期 is required there, a filter may be left empty).
      setError(null)
      if (value !== '') onChange('')
      return
    }
    const r = parseDateText(t)
    if ('date' in r) {
      setError(null)
      if (settle) setText(r.date)
      if (r.date !== value) onChange(r.date)
    } else if (settle) {
      setError(T.invalid(label, r.error))
    }
  }

  function openPicker(): void {
    const p = picker.current
    if (!p) return
    try {
      p.showPicker()
    } catch {
      box.current?.focus() // no picker here: typing still works
    }
  }

  return (
    <span className={`date-input${error ? ' invalid' : ''}`}>
      <span className="date-input-row">
        <input
          ref={box}
          type="text"
          aria-label={label}
          aria-invalid={error ? true : undefined}
          value={text}
          placeholder={T.placeholder}
          disabled={disabled}
          onChange={(e) => {
            setText(e.target.value)
            read(e.target.value, false)
          }}
          onBlur={(e) => read(e.target.value, true)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return
            const r = parseDateText(e.currentTarget.value)
            if (!('date' in r) && e.currentTarget.value.trim() !== '') e.preventDefault() // no submit with an unread date
            read(e.currentTarget.value, true)
          }}
        />
        <button type="button" className="date-input-pick" aria-label={T.pick} title={T.pick} disabled={disabled} onClick={openPicker}>{T.pickShort}</button>
        <input
          ref={picker}
          type="date"
          className="date-input-native"
          tabIndex={-1}
          aria-hidden="true"
          value={isCalendarDate(value) ? value : ''}
          min={min}
          max={max}
          disabled={disabled}
          onChange={(e) => {
            setError(null)
            setText(e.target.value)
            onChange(e.target.value)
          }}
        />
      </span>
      {error && <span className="field-error" role="alert">{error}</span>}
    </span>
  )
}
