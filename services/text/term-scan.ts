// Aho–Corasick over UTF-16 code units: one pass over a folded text finds every occurrence of every term, so 200
// watch terms cost about the same as one. Terms and texts must already be folded (see normalize.ts).
//
// The automaton is compiled to a dense table over the term alphabet (only the few hundred characters that occur in
// terms; every other character sends the scan back to the root), so scanning is two array reads per character.
// A very large term set whose table would pass DENSE_LIMIT entries keeps the sparse trie + failure links instead.
//
// ASCII word edges: a term that starts (ends) with an ASCII letter or digit only matches where the text has no
// ASCII letter or digit just before (after) it, so "ct" does not fire inside "doctor" and "120" not inside "1200".
// Chinese has no word boundaries, so CJK edges match anywhere.

const isAsciiAlnum = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)

export type TermHitHandler = (term: number, start: number, end: number) => void

const DENSE_LIMIT = 1 << 22 // 4 M entries, 16 MB

export class TermScanner {
  readonly terms: readonly string[]
  private readonly root = new Int32Array(0x10000) // child of the root per code unit (0 = stay at root)
  private readonly edges = new Map<number, number>() // state * 65536 + code unit → child state
  private readonly fail: number[] = [0]
  private readonly out: (number[] | null)[] = [null]
  private readonly leftEdge: boolean[]
  private readonly rightEdge: boolean[]
  private readonly alphabet = new Uint16Array(0x10000) // code unit → 1-based letter of the term alphabet, 0 = none
  private width = 1 // alphabet size + 1
  private dense: Int32Array | null = null

  /** `denseLimit` is there for tests of the sparse path; callers leave it alone. */
  constructor(foldedTerms: readonly string[], denseLimit = DENSE_LIMIT) {
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
    const order = this.buildFailureLinks()
    this.buildDense(order, denseLimit)
  }

  private buildDense(order: number[], limit: number): void {
    const seen = new Set<number>()
    const unique: number[] = []
    for (const term of this.terms) {
      for (let i = 0; i < term.length; i++) {
        const c = term.charCodeAt(i)
        if (!seen.has(c)) unique.push(c)
        seen.add(c)
      }
    }
    const width = unique.length + 1
    if (this.fail.length * width > limit || width > 0xffff) return
    unique.forEach((c, i) => (this.alphabet[c] = i + 1))
    const dense = new Int32Array(this.fail.length * width)
    // States in breadth-first order: a state's failure target is shallower, so its row is already complete.
    for (const st of [0, ...order]) {
      for (let a = 1; a < width; a++) {
        const ch = this.child(st, unique[a - 1])
        dense[st * width + a] = ch !== 0 ? ch : st === 0 ? 0 : dense[this.fail[st] * width + a]
      }
    }
    this.width = width
    this.dense = dense
  }

  private child(st: number, c: number): number {
    return st === 0 ? this.root[c] : (this.edges.get(st * 0x10000 + c) ?? 0)
  }

  /** Sets failure links and merged outputs; returns the non-root states in breadth-first order. */
  private buildFailureLinks(): number[] {
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
    return queue
  }

  /** Calls `onHit(termIndex, start, end)` for every occurrence, in order of end position. */
  scan(text: string, onHit: TermHitHandler): void {
    const n = text.length
    const { dense, alphabet, width, out } = this
    let st = 0
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i)
      if (dense !== null) {
        const a = alphabet[c]
        st = a === 0 ? 0 : dense[st * width + a]
      } else st = this.sparseStep(st, c)
      const hits = out[st]
      if (hits !== null) this.report(text, hits, i + 1, onHit)
    }
  }

  private sparseStep(st: number, c: number): number {
    for (;;) {
      if (st === 0) return this.root[c]
      const next = this.edges.get(st * 0x10000 + c)
      if (next !== undefined) return next
      st = this.fail[st]
    }
  }

  private report(text: string, hits: number[], end: number, onHit: TermHitHandler): void {
    for (const term of hits) {
      const start = end - this.terms[term].length
      if (this.leftEdge[term] && start > 0 && isAsciiAlnum(text.charCodeAt(start - 1))) continue
      if (this.rightEdge[term] && end < text.length && isAsciiAlnum(text.charCodeAt(end))) continue
      onHit(term, start, end)
    }
  }
}
