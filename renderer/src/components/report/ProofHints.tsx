// 规范表述提示: the dictionary's hits on the draft as it reads now, each a link to its paragraph.
import { paragraphId, paragraphName } from './DraftParagraphs'
import type { DraftParagraph, DraftProofHit } from '../../../../shared/contract/reports'

const T = {
  title: (n: number) => `规范表述提示（${n} 处）`,
  intro: '以下写法与规范表述词典（设置 › 规范表述）不符，请核对后在草稿中修改。仅为提示，是否修改由您决定。',
  goTo: (name: string) => `查看段落：${name}`,
  should: '应为',
  source: (s: string) => `依据：${s}`
}

/** Bring a paragraph into view and flash it (the link from a hit, an unused edit's…). */
export function showParagraph(key: string): void {
  const el = document.getElementById(paragraphId(key))
  if (!el) return
  el.scrollIntoView({ block: 'center' })
  el.focus({ preventScroll: true })
  el.classList.remove('flash')
  void el.offsetWidth
  el.classList.add('flash')
}

export function ProofHints({ hits, paragraphs }: { hits: DraftProofHit[]; paragraphs: DraftParagraph[] }) {
  if (hits.length === 0) return null
  const byKey = new Map(paragraphs.map((p) => [p.key, p]))
  return (
    <section className="card proof-hints" aria-label={T.title(hits.length)}>
      <h3>{T.title(hits.length)}</h3>
      <p className="muted small">{T.intro}</p>
      <ul>
        {hits.map((h, i) => {
          const p = byKey.get(h.key)
          return (
            <li key={`${h.key}-${h.index}-${i}`}>
              <button type="button" className="link" onClick={() => showParagraph(h.key)} aria-label={T.goTo(p ? paragraphName(p) : h.key)}>
                {p ? paragraphName(p) : h.key}
              </button>
              ：<span className="strike">{h.wrong}</span> {T.should} <strong>{h.right}</strong>
              {h.note && <span className="muted">（{h.note}）</span>}
              {h.source && <span className="muted small"> {T.source(h.source)}</span>}
              <div className="muted small proof-context">…{h.context}…</div>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
