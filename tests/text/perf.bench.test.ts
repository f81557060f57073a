// Throughput figures for the watch and search text path. Skipped in the normal run (timings are machine-dependent
// and would make CI flaky); run with:  BENCH=1 npx vitest run tests/text/perf.bench.test.ts
import Database from 'better-sqlite3'
import * as OpenCC from 'opencc-js'
import { describe, expect, it } from 'vitest'
import { foldText } from '../../services/text/normalize'
import { indexTokens, queryExpression } from '../../services/text/search-tokens'
import { compileRules, type WatchRule } from '../../services/watch/matcher'

const WORDS = ('医院 医保 政策 宣讲 民族团结 进步 义诊 患者 医生 护士 科室 门诊 住院 手术 健康 科普 讲座 活动 开展 组织 ' +
  '职工 学习 党建 意识形态 工作 总结 上半年 宣传 报道 公众号 稿件 发布 专家 坐诊 信息 锦旗 感谢信 群众 乡村 巡回 医疗 ' +
  '服务 能力 提升 建设 发展 会议 召开 领导 小组 方案 落实 检查 考核 培训 疫苗 接种 预防 体检 中医 针灸 康复 急诊 ' +
  '救治 成功 团队 技术 设备 投入 使用 群众满意 满意度 调查 改善 就医 体验 流程 优化 信息化 平台 上线').split(' ')
const TRAD = '黃平縣中醫醫院開展民族團結宣傳活動，印刷宣傳標語8條，開展民族團結宣傳活動3次，試卷測試1次，發放相關政策及宣傳資料860余份'

/** mulberry32: a plain LCG's low bits repeat, which made some word pairs never occur. */
function rng(seed: number): (n: number) => number {
  let a = seed >>> 0
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n | 0
  }
}

function sentence(r: (n: number) => number, chars: number): string {
  let out = ''
  while (out.length < chars) out += WORDS[r(WORDS.length)] + (r(6) === 0 ? '，' : '')
  return out.slice(0, chars)
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

describe.runIf(process.env.BENCH)('text path throughput', () => {
  it('foldText on 200-character strings', () => {
    const r = rng(1)
    const simp = Array.from({ length: 1000 }, () => sentence(r, 200))
    const trad = Array.from({ length: 1000 }, (_, i) => TRAD.repeat(4).slice(i % 50, (i % 50) + 200))
    for (const [name, items] of [['simplified', simp], ['traditional', trad]] as const) {
      const n = 1_000_000
      let sink = 0
      const t0 = performance.now()
      for (let i = 0; i < n; i++) sink += foldText(items[i % items.length]).charCodeAt(100) // forces a flat string
      const us = ((performance.now() - t0) * 1000) / n
      console.log(`foldText ${name} 200 chars: ${us.toFixed(2)} µs (1M calls)`)
      expect(sink).toBeGreaterThan(0)
      expect(us).toBeLessThan(20)
    }
    const conv = OpenCC.Converter({ from: 'tw', to: 'cn' })
    const t0 = performance.now()
    for (let i = 0; i < 20_000; i++) conv(trad[i % trad.length])
    console.log(`opencc tw→cn converter alone, 200 chars: ${(((performance.now() - t0) * 1000) / 20_000).toFixed(2)} µs`)
  })

  it('matcher: 200 terms over 1M items', () => {
    const r = rng(2)
    const rules: WatchRule[] = Array.from({ length: 40 }, (_, i) => ({
      id: i, name: `规则${i}`,
      // three-word terms: like hospital or department names, most items match none of them
      any: Array.from({ length: 4 }, () => `${WORDS[r(WORDS.length)]}${WORDS[r(WORDS.length)]}${WORDS[r(WORDS.length)]}`),
      all: [], none: [`排除${i}`]
    }))
    const m = compileRules(rules)
    const items = Array.from({ length: 2000 }, () => [sentence(r, 30), sentence(r, 200)] as const)
    const n = 1_000_000
    let hits = 0
    const t0 = performance.now()
    for (let i = 0; i < n; i++) {
      const [title, text] = items[i % items.length]
      if (m.match(title, text)) hits++
    }
    const ms = performance.now() - t0
    console.log(`matcher 200 terms, 1M items (30+200 chars): ${(ms / 1000).toFixed(2)} s, ${((ms * 1000) / n).toFixed(2)} µs/item, ${hits} matched`)
  })

  it('search: 100k rows, build and median query', () => {
    const r = rng(3)
    const db = new Database(':memory:')
    db.exec(`CREATE VIRTUAL TABLE search USING fts5(tokens, tokenize = 'ascii', content = '', contentless_delete = 1)`)
    const insert = db.prepare('INSERT INTO search(rowid, tokens) VALUES (?, ?)')
    const texts = Array.from({ length: 100_000 }, () => sentence(r, 20 + r(200)))
    const t0 = performance.now()
    db.transaction(() => texts.forEach((t, i) => insert.run(i + 1, indexTokens(t))))()
    const buildMs = performance.now() - t0
    const find = db.prepare('SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT 50').pluck()
    const count = db.prepare('SELECT count(*) FROM search WHERE search MATCH ?').pluck()
    const avgChars = texts.reduce((a, t) => a + t.length, 0) / texts.length
    const bytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number)
    console.log(`search index: 100k rows (avg ${avgChars.toFixed(0)} chars) built in ${(buildMs / 1000).toFixed(2)} s, ${(bytes / 2 ** 20).toFixed(0)} MiB`)
    for (const q of ['医保', '民族团结', '团', '满意度调查', '针灸康复']) {
      const expr = queryExpression(q)!
      const times: number[] = []
      for (let k = 0; k < 31; k++) {
        const t = performance.now()
        find.all(expr)
        times.push(performance.now() - t)
      }
      console.log(`query ${q}: median ${median(times).toFixed(2)} ms for first 50 by rowid desc (${count.get(expr)} matching rows)`)
    }
    db.close()
  })
})
