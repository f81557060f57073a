// The officer's edits laid over a generated draft (报告 › 修改). Pure: the draft's paragraphs and the period's
// edits in, the paragraphs every view and file reads out — so the preview, Word and each 定稿 agree.
import type { DraftParagraph, ReportEdit } from '../../shared/contract/reports'

/**
 * Each edited paragraph gets the officer's text, `edited`, the text generated now (`auto`) and whether that
 * changed since the edit (`autoChanged`). An edited paragraph is the officer's own wording, so it no longer asks
 * to be confirmed (请核实). Edits whose key the draft lacks are left out here; `unusedEdits` lists them.
 */
export function applyEdits(paragraphs: readonly DraftParagraph[], edits: readonly ReportEdit[]): DraftParagraph[] {
  if (edits.length === 0) return [...paragraphs]
  const byKey = new Map(edits.map((e) => [e.key, e]))
  return paragraphs.map((p) => {
    const e = byKey.get(p.key)
    if (!e) return p
    const { confirm: _confirm, ...rest } = p
    return { ...rest, text: e.text, edited: true, auto: p.text, autoChanged: p.text !== e.auto, editedBy: e.editedBy, editedAt: e.editedAt }
  })
}

/** Edits whose paragraph the draft no longer has (a section left out now that its figures are gone, a renamed key). */
export function unusedEdits(paragraphs: readonly DraftParagraph[], edits: readonly ReportEdit[]): ReportEdit[] {
  const keys = new Set(paragraphs.map((p) => p.key))
  return edits.filter((e) => !keys.has(e.key))
}

const LATIN = /[A-Za-z0-9]/

/**
 * What the officer typed, as a paragraph holds it: trimmed, and a body paragraph on one line (Word keeps one
 * paragraph per draft paragraph, and Chinese joins lines without a space). A title keeps its one deliberate break.
 */
export function normalizeEditText(kind: DraftParagraph['kind'], text: string): string {
  const lines = text.split(/\r\n|\r|\n/).map((l) => l.trim()).filter(Boolean)
  if (kind === 'title') return lines.join('\n')
  // Latin letters or digits on both sides of a break keep a space between them (COVID⏎19 → COVID 19).
  return lines.reduce((out, l) => (out && LATIN.test(out.slice(-1)) && LATIN.test(l[0]) ? `${out} ${l}` : out + l), '')
}
