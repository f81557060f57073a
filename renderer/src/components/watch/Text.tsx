// Feed text is shown only as React text: highlighted terms become <mark> elements built from segments, and
// links are real links only when they parse as http(s). Nothing from a feed is ever injected as HTML.
import { Fragment, type ReactNode } from 'react'
import { safeWebLink } from '../../../../shared/watch'
import type { TextSegment } from '../../../../shared/contract/feeds'
import { when } from '../workflow/labels'

const T = { manual: '人工更正' }

export function Highlighted({ segments }: { segments: TextSegment[] }) {
  return <>{segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text}</Fragment>))}</>
}

/** Opens in the system browser (Electron's window handler) or a new tab (browser harness). */
export function SafeLink({ href, children, className }: { href: string | null | undefined; children: ReactNode; className?: string }) {
  const url = safeWebLink(href)
  if (!url) return <span className={className}>{children}</span>
  return (
    <a className={className} href={url} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  )
}

/** An ISO instant as China wall time, "2023/06/15 10:00". */
export function chinaTime(iso: string | null | undefined): string {
  return iso ? when(iso) : '—'
}

export function GradeBadge({ grade, manual }: { grade: string; manual?: boolean }) {
  return <span className={`grade grade-${grade}`} title={manual ? T.manual : undefined}>{grade}{manual ? '*' : ''}</span>
}

export function SentimentChip({ sentiment, manual }: { sentiment: string; manual?: boolean }) {
  return <span className={`senti senti-${sentiment}`} title={manual ? T.manual : undefined}>{sentiment}{manual ? '*' : ''}</span>
}
