// The demo half-year's workbook as the office prints and checks it: every sheet on A4 one page wide with its title
// and repeated header, 宋体, 序号 instead of database ids, Chinese words only, real dates in China's calendar and
// clock, and 媒体投稿 / 工作动态报送 counted by hand (合作版面 left out) equal to 汇总. The drill-down file prints
// the same way. Expectations come from SQL and Intl, not from the report code.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type ExcelJS from 'exceljs'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { loadWorkbook, readSheet, type SheetRead } from '../helpers/workbook'
import { finishedJob } from '../../handlers/jobs/runner'
import { CHANNEL_CODES, STATUS_CODES } from '../../shared/channels'
import { MENTION_STATUS_CODES } from '../../shared/watch'
import { FIGURE_GROUPS, type FigureSet, type ReportFile } from '../../shared/contract/reports'
import type { FilePayload } from '../../shared/contract/ledger'

const H1 = `date BETWEEN '2023-01-01' AND '2023-06-30'`
const CARRIED_OUT = `status IN ('published', 'submitted', 'accepted', 'not_accepted', 'completed')`
/** The desk's clock (freshDesk): 2023-06-15 02:00 UTC, 10:00 in China. */
const MADE_AT = '生成时间：2023-06-15 10:00'
const china = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
/** A Date read back from a cell: Excel values carry no zone, so its UTC reading is what the cell shows. */
const shown = (d: Date, withTime = false) => d.toISOString().slice(0, withTime ? 16 : 10).replace('T', ' ')

let d: TestDesk
let wb: ExcelJS.Workbook
let json: FigureSet
const sheets = new Map<string, SheetRead>()
const all = <T>(sql: string): T[] => d.ctx.desk.sqlite.prepare(sql).all() as T[]

async function job(name: 'report-export-start' | 'tally-rows-export-start', args: Record<string, string>): Promise<Buffer> {
  const { jobId } = await d.call(name, args as never)
  const s = await finishedJob(d.ctx, jobId)
  expect(s.phase, JSON.stringify(s.error)).toBe('done')
  return Buffer.from((s.result as ReportFile | FilePayload).base64, 'base64')
}

beforeAll(async () => {
  d = freshDesk()
  await d.call('demo-seed', {})
  // A paid placement at 省级, accepted: it must be flagged, and a hand count that kept it would be one too many.
  await d.call('piece-create', { channel: 'media', title: '合作版面：胸痛中心专版', date: '2023-05-20', status: 'accepted', backfill: true, venue: '河北日报', outletLevel: '省级', kind: '稿件', paid: true })
  const event = (all<{ id: number }>(`SELECT id FROM pieces WHERE channel = 'event' AND ${H1} AND ${CARRIED_OUT} ORDER BY date LIMIT 1`))[0].id
  d.ctx.desk.sqlite
    .prepare(`INSERT INTO evidence (piece_id, file_name, sha256, size, mime, added_at, added_by) VALUES (?, '活动照片.jpg', ?, 20480, 'image/jpeg', '2023-06-01T02:00:00.000Z', '张宣')`)
    .run(event, 'a'.repeat(64))
  wb = await loadWorkbook(await job('report-export-start', { period: '2023H1', format: 'xlsx' }))
  for (const ws of wb.worksheets) sheets.set(ws.name, readSheet(ws))
  json = JSON.parse((await job('report-export-start', { period: '2023H1', format: 'json' })).toString('utf8')) as FigureSet
})
afterAll(() => d?.close())

const sheet = (name: string): SheetRead => {
  const s = sheets.get(name)
  expect(s, name).toBeDefined()
  return s!
}
const figure = (label: string): number => {
  const f = json.figures.find((x) => x.label === label)
  expect(f, label).toBeDefined()
  return f!.value
}

describe('every sheet prints on A4, one page wide, with its title and header', () => {
  it('has the page set up, the header repeated and frozen, and the page numbers in the footer', () => {
    expect(wb.worksheets.length).toBeGreaterThan(10)
    for (const ws of wb.worksheets) {
      const { headerRow } = sheet(ws.name)
      const p = ws.pageSetup
      expect([p.paperSize, p.fitToPage, p.fitToWidth, p.fitToHeight], ws.name).toEqual([9, true, 1, 0])
      expect(['portrait', 'landscape'], ws.name).toContain(p.orientation)
      expect(p.printTitlesRow, ws.name).toBe(`${headerRow}:${headerRow}`)
      expect(p.margins?.left, ws.name).toBeGreaterThan(0.3)
      expect(ws.headerFooter.oddFooter, ws.name).toContain('第 &P 页 共 &N 页')
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: headerRow })
      // Wide sheets turn landscape: no sheet is wider than A4 landscape holds at about 80 %.
      const width = ws.columns.reduce((a, c) => a + (c.width ?? 0), 0)
      expect(width, ws.name).toBeLessThan(p.orientation === 'portrait' ? 106 : 160)
    }
  })

  it('names the hospital, the period and when it was made (China time, from the desk clock) above the header', () => {
    for (const [name, s] of sheets) {
      const title = s.above.join('\n')
      expect(title, name).toContain(`南和县人民医院2023年上半年宣传舆情统计（${name}）`)
      expect(title, name).toContain('统计区间：2023年上半年（2023年1月1日至2023年6月30日）')
      expect(title, name).toContain(MADE_AT)
    }
  })

  it('writes every cell in 宋体 10–11 pt, the header bold', () => {
    for (const [name, s] of sheets) {
      for (const c of s.cells) {
        expect(['宋体', '等线'], `${name}!${c.address}`).toContain(c.font?.name)
        expect(c.font?.size, `${name}!${c.address}`).toBeGreaterThanOrEqual(10)
        expect(c.font?.size, `${name}!${c.address}`).toBeLessThanOrEqual(11)
      }
      for (const c of s.cells.slice(0, s.header.length)) expect(c.font?.bold, `${name}!${c.address}`).toBe(true)
    }
  })
})

describe('the cells are the office’s words and real values', () => {
  it('has Chinese headers only (KB in 大小（KB） aside) and no database id column', () => {
    for (const [name, s] of sheets) {
      for (const h of s.header) expect(h.replace('（KB）', ''), `${name}: ${h}`).not.toMatch(/[A-Za-z]/)
      expect(s.header, name).not.toContain('编号')
      expect(s.header, name).not.toContain('台账编号')
      expect(s.header, name).not.toContain('键')
    }
  })

  it('holds no English code anywhere: no status, channel or figure key, no true/false', () => {
    const codes = new Set<string>([...STATUS_CODES, ...CHANNEL_CODES, ...MENTION_STATUS_CODES, ...json.figures.map((f) => f.key), 'true', 'false', 'null', 'undefined'])
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value !== 'string') return
          expect(codes.has(c.value), `${ws.name}!${c.address}: ${c.value}`).toBe(false)
          expect(c.value, `${ws.name}!${c.address}`).not.toMatch(/^[a-z_]+(\.[^\s/]+)+$|\[object Object\]/)
        })
      )
    }
  })

  it('numbers the rows of every detail sheet 1..n', () => {
    let numbered = 0
    for (const [name, s] of sheets) {
      const at = s.header.indexOf('序号')
      if (at < 0) continue
      numbered++
      expect(s.rows.map((r) => r[at]), name).toEqual(s.rows.map((_, i) => i + 1))
    }
    expect(numbered).toBe(wb.worksheets.length - 2) // all but 汇总 and 签阅情况
  })

  it('writes dates as dates (yyyy-mm-dd) on China calendar days, and closing times in China’s clock (yyyy-mm-dd hh:mm)', () => {
    const posts = sheet('微信公众号')
    const db = all<{ date: string; title: string }>(`SELECT date, title FROM pieces WHERE channel = 'wechat' AND ${H1} AND ${CARRIED_OUT} AND deleted_at IS NULL ORDER BY date, id`)
    expect(posts.records.map((r) => [r.发布日期 instanceof Date ? shown(r.发布日期) : r.发布日期, r.标题])).toEqual(db.map((p) => [p.date, p.title]))

    let dates = 0
    for (const ws of wb.worksheets) {
      const s = sheet(ws.name)
      s.header.forEach((h, i) => {
        if (!/日期$|时间$/.test(h)) return
        const withTime = h.endsWith('时间')
        for (let r = 0; r < s.rows.length; r++) {
          const v = s.rows[r][i]
          if (v === null) continue
          expect(v, `${ws.name} ${h} row ${r + 1}`).toBeInstanceOf(Date)
          expect(ws.getRow(s.headerRow + 1 + r).getCell(i + 1).numFmt, `${ws.name} ${h}`).toBe(withTime ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd')
          dates++
        }
      })
    }
    expect(dates).toBeGreaterThan(500)

    const mentions = sheet('舆情')
    const closed = all<{ day: string; closed_at: string | null }>(`SELECT day, closed_at FROM mentions WHERE day BETWEEN '2023-01-01' AND '2023-06-30' AND status <> 'removed' ORDER BY day, id`)
    expect(closed.some((m) => m.closed_at)).toBe(true)
    expect(mentions.records.map((r) => [shown(r.发布日期 as Date), r.办结时间 instanceof Date ? shown(r.办结时间, true) : null])).toEqual(
      closed.map((m) => [m.day, m.closed_at ? china.format(new Date(m.closed_at)) : null])
    )
  })
})

describe('汇总 and the sheets a secretary counts by hand agree', () => {
  it('汇总 lists every figure of the JSON export, without its key; the period is in the title', () => {
    const s = sheet('汇总')
    expect(s.header).toEqual(['分组', '统计项', '数值', '单位', '明细条数'])
    expect(s.rows).toEqual(json.figures.map((f) => [FIGURE_GROUPS[f.group], f.label, f.value, f.unit, f.ids ? f.ids.length : null]))
    expect(json.figures.every((f) => f.key.length > 0)).toBe(true) // the keys stay in the JSON
    expect(s.above.join('')).toContain('合作版面')
  })

  it('flags 合作版面 rows “是”, and a hand count of the rows not flagged equals 汇总', () => {
    const media = sheet('媒体投稿')
    const gov = sheet('工作动态报送')
    const paidDb = all<{ n: number }>(`SELECT count(*) AS n FROM pieces WHERE channel = 'media' AND paid = 1 AND ${H1} AND ${CARRIED_OUT} AND deleted_at IS NULL`)[0].n
    expect(paidDb).toBe(2) // the demo's and this test's
    const flagged = media.records.filter((r) => r.合作版面 === '是')
    expect(flagged).toHaveLength(paidDb)
    expect(media.records.every((r) => r.合作版面 === '是' || r.合作版面 === null)).toBe(true)

    const counted = media.records.filter((r) => r.合作版面 !== '是')
    const accepted = (rows: Record<string, ExcelJS.CellValue>[]) => rows.filter((r) => r.状态 === '已录用')
    const provincial = (rows: Record<string, ExcelJS.CellValue>[], level: string) => accepted(rows).filter((r) => r[level] === '省级' || r[level] === '国家级').length
    expect(counted.length).toBe(figure('媒体投稿·报送'))
    expect(accepted(counted).length).toBe(figure('媒体投稿·录用'))
    expect(counted.length + gov.rows.length).toBe(figure('上报信息及线索'))
    expect(figure('上报信息及线索')).toBe(186)
    expect(accepted(counted).length + accepted(gov.records).length).toBe(figure('被录用'))
    expect(provincial(counted, '媒体级别') + provincial(gov.records, '单位级别')).toBe(figure('省级以上媒体录用'))
    expect(provincial(flagged, '媒体级别')).toBeGreaterThan(0) // counting the flagged rows too would be wrong
    expect(flagged.length).toBe(figure('合作版面（不计入报送录用）'))

    const note = media.above.join('')
    expect(note).toContain(`合作版面（付费刊登）${paidDb}篇在“合作版面”列标“是”，不计入报送与录用`)
    expect(note).toContain(`其余${counted.length}篇即汇总的“媒体投稿·报送”，其中状态为已录用的${accepted(counted).length}篇即“媒体投稿·录用”`)
    expect(note).toContain('是本表与“工作动态报送”表中合作版面以外的记录合计')
  })

  it('points each evidence file at its record by the record’s 序号 on its channel’s sheet', () => {
    const evidence = sheet('佐证材料')
    expect(evidence.rows).toHaveLength(1)
    const [file] = evidence.records
    const record = sheet(String(file.渠道)).records[Number(file.所在表序号) - 1]
    expect([file.文件名, record.标题, record.佐证材料]).toEqual(['活动照片.jpg', file.台账记录, '活动照片.jpg'])
    expect(shown(record.举办日期 as Date)).toBe(shown(file.日期 as Date))
  })
})

describe('the drill-down file', () => {
  it('prints the same way: A4 one page wide, its title, 序号 and the channel’s own columns', async () => {
    const file = await loadWorkbook(await job('tally-rows-export-start', { period: '2023-05', key: 'channel.media.count', format: 'xlsx' }))
    const ws = file.worksheets[0]
    const s = readSheet(ws)
    expect([ws.pageSetup.paperSize, ws.pageSetup.fitToPage, ws.pageSetup.fitToWidth, ws.pageSetup.fitToHeight, ws.pageSetup.printTitlesRow]).toEqual([9, true, 1, 0, `${s.headerRow}:${s.headerRow}`])
    const n = all<{ n: number }>(`SELECT count(*) AS n FROM pieces WHERE channel = 'media' AND date BETWEEN '2023-05-01' AND '2023-05-31' AND ${CARRIED_OUT} AND deleted_at IS NULL`)[0].n
    expect(s.above.join('\n')).toContain('南和县人民医院2023年5月统计明细（媒体投稿）')
    expect(s.above.join('\n')).toContain(`共${n}条`)
    expect(s.above.join('\n')).toContain(MADE_AT)
    expect(s.header).toEqual(['序号', '报送日期', '标题', '投稿媒体', '媒体级别', '稿件/采访', '合作版面', '状态', '科室'])
    expect(s.rows.map((r) => r[0])).toEqual(Array.from({ length: n }, (_, i) => i + 1))
    const paid = all<{ n: number }>(`SELECT count(*) AS n FROM pieces WHERE channel = 'media' AND paid = 1 AND date BETWEEN '2023-05-01' AND '2023-05-31' AND ${CARRIED_OUT} AND deleted_at IS NULL`)[0].n
    expect(paid).toBeGreaterThan(0)
    expect(s.records.filter((r) => r.合作版面 === '是')).toHaveLength(paid)
  })
})
