import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { indexTokens, queryExpression } from '../../services/text/search-tokens'

const rows = [
  '民族团结进步月',
  '医保政策宣讲',
  '开展 AB 测试',
  '黄平县中医医院开展义诊，COVID-19 疫苗 h7n9',
  '团 结', // separated by a space: no 团结 bigram
  '结团活动'
]

describe('indexTokens', () => {
  it('emits bigrams and words in order, then distinct unigrams', () => {
    expect(indexTokens('民族团结，COVID-19')).toBe('民族 族团 团结 covid 19 民 族 团 结')
    expect(indexTokens('醫保 ＡＢ')).toBe('医保 ab 医 保')
    expect(indexTokens('  ,.!  ')).toBe('')
  })
})

describe('queryExpression', () => {
  it('quotes every token and joins runs with AND', () => {
    expect(queryExpression('民族团结')).toBe('"民族" + "族团" + "团结"')
    expect(queryExpression('团')).toBe('"团"')
    expect(queryExpression('医保 政策')).toBe('"医保" AND "政策"')
    expect(queryExpression('h7n9')).toBe('"h" + "7" + "n" + "9"')
    expect(queryExpression('  "*(): ')).toBeNull()
  })
})

// The design targets `ascii`; db/migrations currently create the tables with `unicode61`, which splits our
// space-separated tokens identically — both are proven here.
describe.each(['ascii', 'unicode61'])('search through FTS5 with bigram tokens (tokenize=%s)', (tokenizer) => {
  const db = new Database(':memory:')
  db.exec(`CREATE VIRTUAL TABLE search USING fts5(tokens, tokenize = '${tokenizer}', content = '', contentless_delete = 1)`)
  const insert = db.prepare('INSERT INTO search(rowid, tokens) VALUES (?, ?)')
  rows.forEach((text, i) => insert.run(i + 1, indexTokens(text)))
  const find = db.prepare('SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT 50').pluck()
  afterAll(() => db.close())

  function search(q: string): string[] {
    const expr = queryExpression(q)
    if (expr === null) return []
    return (find.all(expr) as number[]).map((id) => rows[id - 1]).sort()
  }

  it('finds Chinese terms of one, two and more characters', () => {
    expect(search('团结')).toEqual(['民族团结进步月'])
    expect(search('民族团结')).toEqual(['民族团结进步月'])
    expect(search('团')).toEqual(['团 结', '民族团结进步月', '结团活动'].sort())
    expect(search('医保')).toEqual(['医保政策宣讲'])
    expect(search('义诊')).toEqual(['黄平县中医医院开展义诊，COVID-19 疫苗 h7n9'])
  })

  it('has substring semantics for Chinese (intended: no word boundaries in Chinese)', () => {
    expect(search('结进')).toEqual(['民族团结进步月'])
  })

  it('folds traditional and full-width queries', () => {
    expect(search('醫保')).toEqual(['医保政策宣讲'])
    expect(search('ＡＢ')).toEqual(['开展 AB 测试'])
    expect(search('黃平縣')).toHaveLength(1)
  })

  it('respects order inside a run and punctuation between runs', () => {
    expect(search('结团')).toEqual(['结团活动'])
    expect(search('团结')).not.toContain('团 结')
    expect(search('covid19')).toHaveLength(1)
    expect(search('h7n9')).toHaveLength(1)
    expect(search('n7h9')).toEqual([])
  })

  it('never lets user input become FTS5 syntax', () => {
    const nasty = ['"', '""', '*', 'OR', 'a OR b', 'NEAR(', 'NEAR(团结 医保, 2)', 'tokens:团结', '{tokens}:x', '^团结', '团结*',
      '-医保', 'AND', 'NOT 医保', '(', ')', "'", '\\', '\u0000', '团"结', '医保" OR "民族']
    for (const q of nasty) expect(() => search(q)).not.toThrow()
    expect(search('NEAR(团结 医保, 2)').length).toBe(0)
    expect(search('团结*')).toEqual(['民族团结进步月'])
  })

  it('works in a contentless table: a deleted row is no longer found', () => {
    insert.run(100, indexTokens('临时稿件 撤稿'))
    expect((find.all(queryExpression('撤稿')!) as number[])).toEqual([100])
    db.prepare('DELETE FROM search WHERE rowid = ?').run(100)
    expect(find.all(queryExpression('撤稿')!)).toEqual([])
  })
})
