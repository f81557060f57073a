import type { ReactNode } from 'react'

/** A labelled form field with its error shown right beside it. */
export function Field({ label, name, error, hint, children, wide }: { label: string; name: string; error?: string; hint?: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={`field${error ? ' has-error' : ''}${wide ? ' wide' : ''}`} data-field={name}>
      <span className="field-label">{label}</span>
      {children}
      {error ? <span className="field-error" role="alert">{error}</span> : hint ? <span className="field-hint">{hint}</span> : null}
    </label>
  )
}

/** Split "a、b，c, d" into ['a','b','c','d'] — the separators the office actually types. */
export function splitList(s: string): string[] {
  return s.split(/[、,，;；\n]/).map((x) => x.trim()).filter(Boolean)
}
