// `desk stats-import`: the same import as the dialog; --dry-run prints the preview and writes nothing.
import { describe, it, expect, afterAll, beforeAll } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cli, firstAdmin } from '../helpers/cli'
import { LEDGER_POSTS } from '../fixtures/wechat/ledger'

const dir = mkdtempSync(join(tmpdir(), 'desk-stats-cli-'))
const db = join(dir, 'desk.sqlite')
const FIX = join(process.cwd(), 'tests/fixtures/wechat')
const XLSX = join(FIX, '内容分析-2023年3月.xlsx')
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeAll(() => {
  firstAdmin(db)
  // the ledger as the office keeps it, imported the ordinary way
  const ledger = join(dir, '台账.csv')
  writeFileSync(ledger, '\ufeff日期,渠道,标题,状态,阅读量\r\n' + LEDGER_POSTS.map((p) => `${p.date},微信公众号,${p.title},已发布,${p.reads ?? ''}`).join('\r\n') + '\r\n')
  const r = cli(db, ['import', ledger, '--keep-duplicates'])
  if (r.code !== 0) throw new Error(r.err)
})

describe('CLI: stats-import', () => {
  it('--dry-run prints the three groups and writes nothing; then writes, with a chosen row', () => {
    const dry = cli(db, ['stats-import', XLSX, '--dry-run'])
    expect(dry.err).toBe('')
    expect(dry.code).toBe(0)
    const lines = dry.out.split('\n')
    expect(lines[0]).toBe('微信公众号数据：文件共 7 行，已匹配 4 行，需选择 1 行，未匹配 1 行，重复 1 行。')
    expect(lines).toContain('已匹配 第 5 行《我院开展民族团结进步月活动【南和县人民医院】》→ 编号 1（2023-03-05）：阅读量 1000 → 1234，点赞 （空） → 88，转发 （空） → 56，在看 （空） → 21')
    expect(lines).toContain('已匹配 第 7 行《“三八”妇女节 致敬她力量》→ 编号 3（2023-03-08，相差一天）：阅读量 （空） → 910，点赞 （空） → 60，转发 （空） → 31，在看 （空） → 12')
    expect(lines).toContain('需选择 第 9 行《本周专家坐诊安排》（2023-03-13）：编号 5（2023-03-13）、编号 6（2023-03-13） — 未选择，将跳过（用 --choose 行号=编号 选择）')
    expect(lines).toContain('未匹配 第 11 行《全院职工运动会精彩回顾》（2023-03-20）：台账中没有这篇，不写入')
    expect(lines).toContain('重复 第 10 行《我院开展民族团结进步月活动【南和县人民医院】》：与第 5 行相同，不重复写入')
    expect(lines.at(-2)).toBe('预览：将写入 4 篇（未写入任何数据）。')

    const done = cli(db, ['stats-import', XLSX, '--choose', '9=6'])
    expect(done.code).toBe(0)
    // all five: the dry run wrote none of them
    expect(done.out.split('\n').at(-2)).toBe('已写入 5 篇的数据。')
  })

  it('a figure that is not a number: exit 1, the row and column named, nothing written', () => {
    const r = cli(db, ['stats-import', join(FIX, '内容分析-数字有误.csv')])
    expect(r.code).toBe(1)
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      '导入失败：没有写入任何数据（文件共 2 行）。',
      '第 2 行 C 列「总阅读次数」：阅读量：“1.2万”不是有效的数量，须为不小于 0 的整数',
      '第 3 行 D 列「点赞」：点赞：“很多”不是有效的数量，须为不小于 0 的整数'
    ])
  })
})
