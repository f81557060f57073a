// The BUILT Electron main under a recording stand-in for 'electron' (as tests/foundation/electron-smoke.test.ts):
// frames the IPC handler must refuse, the damaged-database dialog, the automatic backup at startup.
import { describe, it, expect } from 'vitest'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openContext } from '../../handlers/context'
import { handlers } from '../../handlers'
import { contract } from '../../shared/contract'
import { exclusive, makeBackup } from '../../handlers/backup'
import { corruptTable, count, sha } from './helpers'

const OUT = join(process.cwd(), process.env.DESK_OUT_DIR ?? 'out')
const FIXTURES = join(process.cwd(), 'tests', 'fixtures')
const REFUSED = '拒绝来自非本程序页面的调用'
type Run = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

function drive(userData: string, answer?: number): Run {
  if (!existsSync(join(OUT, 'main', 'index.js'))) throw new Error('先运行 electron-vite build（npm test 会自动构建）')
  const stdout = execFileSync(process.execPath, ['--import', join(FIXTURES, 'electron-stub', 'register.mjs'), join(FIXTURES, 'electron-hardening.mjs'), '--db', join(userData, 'desk.sqlite')], {
    env: { ...process.env, STUB_APP_PATH: process.cwd(), STUB_USER_DATA: userData, STUB_OUT_DIR: OUT, ...(answer === undefined ? {} : { STUB_MESSAGE_BOX_ANSWER: String(answer) }) },
    encoding: 'utf8'
  })
  return JSON.parse(stdout.trim().split('\n').pop()!)
}

/** A desk in userData with two pieces and a backup holding only the first, then damaged. */
async function damagedDesk(withBackup: boolean): Promise<{ userData: string; db: string }> {
  const userData = mkdtempSync(join(tmpdir(), 'desk-electron-'))
  const db = join(userData, 'desk.sqlite')
  // The desk must stay without users (the window signs in as its first administrator, see the fixture), so the
  // pieces are written by the handler itself, past the dispatcher's sign-in check, as 补录 of published work.
  const ctx = openContext({ dbFile: db, dataDir: join(userData, 'desk-data'), actor: '测试' })
  const piece = async (title: string) => handlers['piece-create'](contract['piece-create'].args.parse({ channel: 'wechat', title, date: '2023-06-01', status: 'published', backfill: true }), ctx)
  await piece('备份前的稿件')
  if (withBackup) await exclusive(() => makeBackup(ctx, 'auto'))
  await piece('备份后的稿件')
  ctx.desk.close()
  corruptTable(db)
  return { userData, db }
}

describe('Electron shell, hardened', () => {
  it('answers only the app page itself, never another frame, file or origin', () => {
    const run = drive(mkdtempSync(join(tmpdir(), 'desk-electron-')))
    expect(run.frames).toEqual({
      own: 'answered',
      ownWithRoute: 'answered',
      ownWithQuery: 'answered',
      subframe: REFUSED,
      siblingFile: REFUSED,
      prefixed: REFUSED,
      dotdot: REFUSED,
      otherHost: REFUSED,
      userinfo: REFUSED,
      filePage: REFUSED,
      passwd: REFUSED,
      http: REFUSED,
      devtools: REFUSED,
      aboutBlank: REFUSED,
      dataUrl: REFUSED,
      destroyed: REFUSED
    })
  })

  it('starts Chromium in zh-CN (date pickers, validation bubbles), the switch set before ready', () => {
    const run = drive(mkdtempSync(join(tmpdir(), 'desk-electron-')))
    expect(run.switches.filter((s: { name: string }) => s.name === 'lang')).toEqual([{ name: 'lang', value: 'zh-CN', afterReady: false }])
    expect(run.switches.filter((s: { afterReady: boolean }) => s.afterReady)).toEqual([]) // a switch after ready does nothing
    expect(run.windows).toBe(1)
  })

  it('makes the day’s backup when the app starts', () => {
    const run = drive(mkdtempSync(join(tmpdir(), 'desk-electron-')))
    expect(run.backups).toHaveLength(1)
    expect(run.backups[0]).toMatch(/^desk-\d{4}-\d{2}-\d{2}-\d{6}\.sqlite$/)
  })

  it('on a damaged database offers 从最新备份恢复 / 退出, and restoring opens the desk on the backup', async () => {
    const { userData, db } = await damagedDesk(true)
    const damaged = sha(db)
    const run = drive(userData, 0)
    const box = run.log.find((l: unknown[]) => l[0] === 'messageBox')
    expect(box.slice(1, 3)).toEqual(['数据库已损坏', ['从最新备份恢复', '退出']])
    expect(box[3]).toMatch(/最新的完好备份：/)
    expect(run.windows).toBe(1)
    expect(run.pieces.value.rows.map((r: { title: string }) => r.title)).toEqual(['备份前的稿件'])
    const kept = run.userDataFiles.filter((n: string) => /^desk\.replaced-\d{8}-\d{6}\.sqlite$/.test(n))
    expect(kept).toHaveLength(1)
    expect(sha(join(userData, kept[0]))).toBe(damaged) // the damaged file is kept untouched for the technician
    expect(count(db, 'pieces')).toBe(1)
  })

  it('on 退出 quits without touching the damaged file; without a backup it says so and quits', async () => {
    const a = await damagedDesk(true)
    const before = sha(a.db)
    const quit = drive(a.userData, 1)
    expect(quit.windows).toBe(0)
    expect(quit.log.map((l: unknown[]) => l[0])).toEqual(['messageBox', 'quit'])
    expect(sha(a.db)).toBe(before)
    expect(readdirSync(a.userData).filter((n) => n.includes('replaced'))).toEqual([])

    const b = await damagedDesk(false)
    const none = drive(b.userData)
    expect(none.windows).toBe(0)
    const box = none.log.find((l: unknown[]) => l[0] === 'errorBox')
    expect(box[1]).toBe('无法打开数据库')
    expect(box[2]).toMatch(/没有找到可用的备份/)
  })
})
