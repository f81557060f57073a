import { describe, it, expect, afterAll, beforeAll } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EXPORT_HEADER } from './helpers'
import { cli, firstAdmin, CLI_PASSWORD } from '../helpers/cli'

const dir = mkdtempSync(join(tmpdir(), 'desk-ledger-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
// every desk of this file has its administrator (also officer), who runs the commands
beforeAll(() => ['a.sqlite', 'b.sqlite', 'c.sqlite'].forEach((db) => firstAdmin(join(dir, db))))

const desk = (db: string, ...args: string[]) => cli(join(dir, db), args)

describe('CLI: import and export', () => {
  it('exports a filtered ledger to xlsx and csv, and imports it into another desk', () => {
    expect(desk('a.sqlite', 'seed-demo').code).toBe(0)
    const xlsx = join(dir, '三月微信.xlsx')
    const ex = desk('a.sqlite', 'export', '--out', xlsx, '--from', '2023-03-01', '--to', '2023-03-31', '--channel', 'wechat')
    expect(ex.err).toBe('')
    expect(ex.code).toBe(0)
    const n = Number(/已导出 (\d+) 条（微信公众号）/.exec(ex.out)?.[1])
    expect(n).toBeGreaterThan(0)

    const im = desk('b.sqlite', 'import', xlsx)
    expect(im.code).toBe(0)
    expect(im.out).toBe(`已导入 ${n} 条（文件共 ${n} 行数据）。\n`)
    // The same file again: each row's 记录标识 names its record, so nothing is added twice.
    const again = desk('b.sqlite', 'import', xlsx)
    expect(again.out).toBe(`已导入 0 条（文件共 ${n} 行数据，${n} 条与已有记录相同）。\n`)
    // An old-style file without 记录标识: the same rows are likely duplicates, skipped unless kept on purpose.
    const old = join(dir, 'old.csv')
    writeFileSync(old, '\ufeff日期,渠道,标题\r\n2023-03-01,微信公众号,重复的一条\r\n')
    expect(desk('b.sqlite', 'import', old).out).toBe('已导入 1 条（文件共 1 行数据）。\n')
    expect(desk('b.sqlite', 'import', old).out).toBe('已导入 0 条（文件共 1 行数据，跳过疑似重复 1 条）。\n')

    const csv = join(dir, 'all.csv')
    expect(desk('b.sqlite', 'export', '--out', csv).code).toBe(0)
    expect(readFileSync(csv, 'utf8').split('\r\n')[0]).toBe('\ufeff' + EXPORT_HEADER)
  })

  it('a file with bad rows: non-zero exit, every bad row printed, nothing imported', () => {
    const bad = join(dir, 'bad.csv')
    writeFileSync(bad, '\ufeff日期,渠道,标题,状态\r\n2023-02-30,微信公众号,甲,\r\n2023-01-01,宣传品,乙,已发布\r\n2023-01-02,微信公众号,丙,\r\n')
    const r = desk('c.sqlite', 'import', bad)
    expect(r.code).toBe(1)
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      '导入失败：没有导入任何记录（文件共 3 行数据）。',
      '第 2 行 A 列「日期」：无法识别的日期“2023-02-30”，请写成 2023-03-05、2023/3/5 或 2023年3月5日',
      '第 3 行 D 列「状态」：宣传品不能使用“已发布”状态，可填：草稿、待审核、已审核、已排期、已撤回、已完成'
    ])
    const list = desk('c.sqlite', 'call', 'piece-list', '{}')
    expect(JSON.parse(list.out).value.total).toBe(0)
  })

  it('imports only for someone who may: a viewer is refused and nothing is imported', () => {
    expect(cli(join(dir, 'c.sqlite'), ['users', 'add', '查看甲', '--role', 'viewer'], { newPassword: CLI_PASSWORD }).code).toBe(0)
    const r = cli(join(dir, 'c.sqlite'), ['import', join(dir, 'all.csv')], { user: '查看甲' })
    expect([r.code, r.err]).toEqual([1, '导入失败：此操作需要“宣传干事”角色；当前用户“查看甲”没有该权限\n'])
    // reading is for everyone signed in
    expect(cli(join(dir, 'c.sqlite'), ['export', '--out', join(dir, 'viewer.csv')], { user: '查看甲' }).code).toBe(0)
  })

  it('refuses a bad --out or --from with a Chinese message', () => {
    expect(desk('a.sqlite', 'export', '--out', join(dir, 'x.pdf')).err).toBe('请用 --out 指定导出文件，扩展名为 .xlsx 或 .csv，如：export --out 台账.xlsx\n')
    const r = desk('a.sqlite', 'export', '--out', join(dir, 'x.xlsx'), '--from', '2023-13-01')
    expect(r.code).toBe(2)
    expect(r.err).toBe('开始日期：请填写有效日期，格式如 2023-03-05\n')
  })
})
