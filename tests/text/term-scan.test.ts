import { describe, expect, it } from 'vitest'
import { TermScanner } from '../../services/text/term-scan'

function brute(terms: string[], text: string): string[] {
  const out: string[] = []
  terms.forEach((t, i) => {
    for (let at = text.indexOf(t); at >= 0; at = text.indexOf(t, at + 1)) out.push(`${i}@${at}`)
  })
  return out.sort()
}

function scanned(terms: string[], text: string, denseLimit?: number): string[] {
  const out: string[] = []
  new TermScanner(terms, denseLimit).scan(text, (t, s, e) => {
    expect(e - s).toBe(terms[t].length)
    out.push(`${t}@${s}`)
  })
  return out.sort()
}

describe('TermScanner', () => {
  it('finds overlapping and nested terms (classic he/she/his/hers, Chinese alphabet)', () => {
    const terms = ['医', '医闹', '闹事', '闹', '事故', '医疗事故', '疗事']
    const text = '医闹事故医疗事故闹医闹事'
    expect(scanned(terms, text)).toEqual(brute(terms, text))
  })

  it('agrees with a brute-force search on random texts', () => {
    const alphabet = '医闹事故疗院'
    let seed = 7
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n)
    const word = (len: number): string => Array.from({ length: len }, () => alphabet[rnd(alphabet.length)]).join('')
    for (let round = 0; round < 200; round++) {
      const terms = [...new Set(Array.from({ length: 1 + rnd(8) }, () => word(1 + rnd(4))))]
      const text = word(rnd(60))
      expect(scanned(terms, text)).toEqual(brute(terms, text))
      expect(scanned(terms, text, 0)).toEqual(brute(terms, text)) // sparse fallback for huge term sets
    }
  })

  it('requires ASCII word edges only at ASCII ends of a term', () => {
    const terms = ['ct', '120', 'ct室']
    const expected = ['0@12', '0@21', '1@15', '2@21'].sort()
    expect(scanned(terms, 'doctor 1200 ct 120急救 ct室')).toEqual(expected)
    expect(scanned(terms, 'doctor 1200 ct 120急救 ct室', 0)).toEqual(expected)
  })

  it('ignores empty terms', () => {
    expect(scanned(['', 'a'], 'a')).toEqual(['1@0'])
  })
})
