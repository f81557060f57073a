// 定稿: the party secretary finalizes a half-year, re-entering their password as the signature. Each 定稿 is a new
// version holding the figure set, the .docx and .xlsx exactly as the export makes them (bytes and SHA-256), each
// month's sign-off state and the audit chain head; a download later returns those stored bytes, and the report
// page compares today's figures with the finalized ones like the monthly 签阅后有变动.
import { createHash } from 'node:crypto'
import { UserError, fieldError } from '../errors'
import { proveOwnPassword } from '../users/session'
import { buildFigureSet, figureValues } from './figures'
import { monthStates } from './month-states'
import { renderReport, reportData, type ReportData } from './render'
import { changesSince, figureDiff } from '../tallies/signoff'
import { readProfile } from '../app'
import { auditHead, recordAudit } from '../../db/queries/audit'
import { getFinal, insertFinal, latestFinal, listFinals, nextFinalVersion, type FinalBrief } from '../../db/queries/finals'
import { parsePeriod, type Period } from '../../shared/periods'
import { chinaDate } from '../../shared/dates'
import type { FinalFile, FinalInfo, FinalView, MonthSignoff } from '../../shared/contract/reports'
import type { Ctx } from '../context'

/** Files made again when something was written while they were being made (a poll, another window). */
const ATTEMPTS = 3

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex')

function toInfo(r: FinalBrief): FinalInfo {
  return {
    id: r.id, period: r.period, version: r.version, signedBy: r.signedBy, signedAt: r.signedAt, comment: r.comment,
    docxSha256: r.docxSha256, xlsxSha256: r.xlsxSha256, docxBytes: r.docxBytes, xlsxBytes: r.xlsxBytes,
    auditHeadId: r.auditHeadId, auditHead: r.auditHead, months: r.months as MonthSignoff[]
  }
}

export function listFinalInfos(ctx: Ctx, period?: string): FinalInfo[] {
  return listFinals(ctx.desk.db, period).map(toInfo)
}

/** The half-year's latest 定稿 against the report as it is now (`d`, already computed for the preview). */
export function finalView(ctx: Ctx, d: Pick<ReportData, 'period' | 'set'>): FinalView | null {
  if (d.period.kind !== 'half') return null
  const f = latestFinal(ctx.desk.db, d.period.code)
  if (!f) return null
  const figureChanges = figureDiff(f.figures, figureValues(d.set), new Map(d.set.figures.map((x) => [x.key, x.label])))
  const rowChanges = changesSince(ctx, f.auditHeadId, d.period.from, d.period.to)
  return { ...toInfo(f), changed: figureChanges.length > 0 || rowChanges.length > 0, figureChanges, rowChanges }
}

const sameValues = (a: Record<string, number>, b: Record<string, number>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v)

/** The files as the export makes them, and the figures they were made from. */
async function renderBoth(ctx: Ctx, period: Period) {
  const headId = auditHead(ctx.desk.db).id
  const values = figureValues(buildFigureSet(ctx.desk.db, period))
  const docx = Buffer.from((await renderReport(ctx, period.code, 'docx')).base64, 'base64')
  const xlsx = Buffer.from((await renderReport(ctx, period.code, 'xlsx')).base64, 'base64')
  return { headId, values, docx, xlsx }
}

export async function finalize(ctx: Ctx, a: { period: string; password: string; comment: string }): Promise<FinalView> {
  const period = parsePeriod(a.period)
  if (chinaDate(ctx.now()) < period.from) throw fieldError('period', `${period.label}尚未开始，不能定稿`)
  const signer = ctx.user
  if (!signer) throw new UserError('请先登录')
  await proveOwnPassword(ctx, a.password)
  const db = ctx.desk.db
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const files = await renderBoth(ctx, period)
    const stored = ctx.desk.tx(() => {
      // Rendering awaits, so another call may have written in between: the stored figures must be the ones in the files.
      if (auditHead(db).id !== files.headId) return false
      const values = figureValues(buildFigureSet(db, period))
      if (!sameValues(values, files.values)) return false
      const months = monthStates(ctx, period)
      const version = nextFinalVersion(db, period.code)
      const at = ctx.now().toISOString()
      const hashes = { docxSha256: sha256(files.docx), xlsxSha256: sha256(files.xlsx) }
      // The audit row (with both hashes) is written first, so the head stored with the 定稿 is that row itself.
      recordAudit(db, {
        at, actor: ctx.actor, actorId: signer.id, action: 'finalize', entity: 'report', entityId: period.code,
        changes: { version, signedBy: signer.name, comment: a.comment, ...hashes, docxBytes: files.docx.length, xlsxBytes: files.xlsx.length, months: months.map((m) => m.text), figures: values }
      })
      const head = auditHead(db)
      insertFinal(db, {
        period: period.code, version, signedBy: signer.name, signedById: signer.id, signedAt: at, comment: a.comment, figures: values,
        months, docx: files.docx, xlsx: files.xlsx, ...hashes, auditHeadId: head.id, auditHead: head.hash
      })
      return true
    })
    if (stored) return finalView(ctx, reportData(ctx, period.code))!
  }
  throw new UserError('定稿时数据仍在变动（如正在抓取舆情或他人正在修改台账），请稍后再试')
}

export function downloadFinal(ctx: Ctx, id: number, format: 'docx' | 'xlsx'): FinalFile {
  const f = getFinal(ctx.desk.db, id)
  if (!f) throw fieldError('id', `没有编号为 ${id} 的定稿`)
  const bytes = format === 'docx' ? f.docx : f.xlsx
  const stored = format === 'docx' ? f.docxSha256 : f.xlsxSha256
  const sha = sha256(bytes)
  // The table refuses UPDATE; a file that no longer matches its hash was altered around the desk, and must say so.
  if (sha !== stored) throw new UserError(`定稿第${f.version}版的 ${format} 文件与定稿时的校验值不一致，文件可能已被改动`, { stored, actual: sha })
  const label = parsePeriod(f.period).label
  const base = format === 'docx' ? `${readProfile(ctx.desk.db)?.fullName ?? ''}${label}意识形态工作总结` : `${readProfile(ctx.desk.db)?.fullName ?? ''}${label}宣传舆情统计`
  const fileName = `${base}（定稿第${f.version}版）.${format}`.replace(/[\\/:*?"<>|\r\n\t]/g, '')
  return { fileName, base64: bytes.toString('base64'), sha256: sha, bytes: bytes.length }
}
