// Aho–Corasick over UTF-16 code units: one pass over a folded text finds every occurrence of every term, so 200
// watch terms cost about the same as one. Terms and texts must already be folded (see normalize.ts).
//
// ASCII word edges: a term that starts (ends) with an ASCII letter or digit only matches where the text has no
// ASCII letter or digit just before (after) it, so "ct" does not fire inside "doctor" and "120" not inside "1200".
// Chinese has no word boundaries, so CJK edges match anywhere.

const isAsciiAlnum = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)

export type TermHitHandler = (term: number, start: number, end: number) => void

export class TermScanner {
  readonly terms: readonly string[]
  private readonly root = new Int32Array(0x10000) // child of the root per code unit (0 = stay at root)
  private readonly edges = new Map<number, number>() // state * 65536 + code unit → child state
  private readonly fail: number[] = [0]
  private readonly out: (number[] | null)[] = [null]
  private readonly leftEdge: boolean[]
  private readonly rightEdge: boolean[]

  constructor(foldedTerms: readonly string[]) {
    this.terms = foldedTerms
    this.leftEdge = foldedTerms.map((t) => t.length > 0 && isAsciiAlnum(t.charCodeAt(0)))
    this.rightEdge = foldedTerms.map((t) => t.length > 0 && isAsciiAlnum(t.charCodeAt(t.length - 1)))
    foldedTerms.forEach((term, index) => {
      if (term.length === 0) return
      let st = 0
      for (let i = 0; i < term.length; i++) {
        const c = term.charCodeAt(i)
        let next = this.child(st, c)
        if (next === 0) {
          next = this.fail.length
          this.fail.push(0)
          this.out.push(null)
          if (st === 0) this.root[c] = next
          else this.edges.set(st * 0x10000 + c, next)
        }
        st = next
      }
      ;(this.out[st] ??= []).push(index)
    })
    this.buildFailureLinks()
  }

  private child(st: number, c: number): number {
    return st === 0 ? this.root[c] : (this.edges.get(st * 0x10000 + c) ?? 0)
  }

  private buildFailureLinks(): void {
    // Breadth-first; children are recovered from the edge tables, grouped by parent once.
    const children = new Map<number, [number, number][]>()
    const add = (parent: number, c: number, ch: number): void => {
      const list = children.get(parent)
      if (list) list.push([c, ch])
      else children.set(parent, [[c, ch]])
    }
    for (let c = 0; c < 0x10000; c++) if (this.root[c]) add(0, c, this.root[c])
    for (const [key, ch] of this.edges) add(Math.floor(key / 0x10000), key % 0x10000, ch)

    const queue: number[] = []
    for (const [, ch] of children.get(0) ?? []) queue.push(ch)
    for (let qi = 0; qi < queue.length; qi++) {
      const st = queue[qi]
      for (const [c, ch] of children.get(st) ?? []) {
        let f = this.fail[st]
        while (f !== 0 && this.child(f, c) === 0) f = this.fail[f]
        const target = this.child(f, c)
        this.fail[ch] = target !== ch ? target : 0
        const inherited = this.out[this.fail[ch]]
        if (inherited) this.out[ch] = [...(this.out[ch] ?? []), ...inherited]
        queue.push(ch)
      }
    }
  }

  /** Calls `onHit(termIndex, start, end)` for every occurrence, in order of end position. */
  scan(text: string, onHit: TermHitHandler): void {
    const n = text.length
    let st = 0
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i)
      for (;;) {
        if (st === 0) {
          st = this.root[c]
          break
        }
        const next = this.edges.get(st * 0x10000 + c)
        if (next !== undefined) {
          st = next
          break
        }
        st = this.fail[st]
      }
      const hits = this.out[st]
      if (hits === null) continue
      for (const term of hits) {
        const end = i + 1
        const start = end - this.terms[term].length
        if (this.leftEdge[term] && start > 0 && isAsciiAlnum(text.charCodeAt(start - 1))) continue
        if (this.rightEdge[term] && end < n && isAsciiAlnum(text.charCodeAt(end))) continue
        onHit(term, start, end)
      }
    }
  }
}
