// 导入公众号数据: a platform's export → the 阅读/分享/点赞/在看 of the ledger's posts. The file is read as the ledger
// import reads it (services/ledger/read-file.ts), its columns mapped (services/post-stats/columns.ts), its rows
// matched to pieces by title and date (services/post-stats/match.ts). The preview tries every write and rolls it
// back, so a piece the rules refuse is named before anything is written; 写入 writes every matched row in ONE
// transaction through the form's write path (these figures never void an approval: shared/workflow.ts), each piece
// audited as 'stats-import' and undoable with 撤销, plus one audit row for the file.
import { UserError } from '../errors'
import { updateFromForm, mustGetPiece } from '../pieces/write'
import { undoable } from '../pieces/undo'
import { readSetting, writeState } from '../settings'
import { signedMonthWarnings } from '../tallies/signed-months'
import { noJob, type Job } from '../jobs/runner'
import { readUpload } from './import'
import { recordAudit } from '../../db/queries/audit'
import { statCandidates } from '../../db/queries/post-stats'
import { cellText } from '../../services/ledger/cells'
import { findHeader, headerSignature, mappingToRemember, readRows, resolveMapping, type StatMapping } from '../../services/post-stats/columns'
import { matchRows } from '../../services/post-stats/match'
import { addDays } from '../../shared/dates'
import { platformCounts, PLATFORM_LABELS, type StatCandidate, type StatChange, type StatRowBase, type StatsImportArgs, type StatsReport } from '../../shared/contract/ledger-stats'
import type { PieceValues } from '../../db/queries/pieces'
import type { Piece } from '../../shared/contract/pieces'
import type { Ctx } from '../context'

/** Thrown to roll back the trial run of a preview. */
class TrialRun extends Error {}

type Options = Omit<StatsImportArgs, 'base64'> & { bytes: Uint8Array }


function currentValue(p: Piece, field: StatChange['field']): number | null {
  const v = field === 'reads' ? p.reads : p.extra[field]
  return typeof v === 'number' ? v : null
}

/** The figures of the file that differ from the piece's (a blank cell changes nothing). */
function changesFor(p: Piece, counts: StatRowBase['counts']): StatChange[] {
  const out: StatChange[] = []
  for (const [field, after] of Object.entries(counts) as [StatChange['field'], number][]) {
    const before = currentValue(p, field)
    if (before !== after) out.push({ field, before, after })
  }
  return out
}

function patchFor(p: Piece, changes: StatChange[]): Partial<PieceValues> {
  const patch: Partial<PieceValues> = {}
  const extra = { ...p.extra }
  for (const c of changes) {
    if (c.field === 'reads') patch.reads = c.after
    else extra[c.field] = c.after
  }
  if (changes.some((c) => c.field !== 'reads')) patch.extra = extra
  return patch
}

export async function runStatsImport(ctx: Ctx, o: Options, job: Job = noJob): Promise<StatsReport> {
  job.progress('reading', 0, 0)
  const file = await readUpload(o.fileName, o.bytes)
  await job.pause()
  const db = ctx.desk.db
  // The sheet whose header reads best (an xlsx export may carry a 说明 sheet first).
  const found = file.sheets.map((s) => ({ sheet: s, ...findHeader(s.rows, o.platform) })).sort((a, b) => b.score - a.score)[0]
  const { sheet, headerRow, platform } = found
  const headers = (sheet.rows[headerRow] ?? []).map(cellText)
  const signature = headerSignature(platform, headers)
  const memory = readSetting(db, 'post-stats-mappings')
  const remembered = memory[signature] as StatMapping | undefined
  const mapping = resolveMapping(headers, platform, o.mapping ?? {}, remembered)
  const read = readRows(sheet.rows, headerRow, headers, mapping, platform, file.date1904)

  const report: StatsReport = {
    fileName: o.fileName,
    sheet: sheet.name,
    encoding: file.encoding,
    headerRow: headerRow + 1,
    headers,
    platform,
    platformGuessed: !o.platform,
    mapping,
    remembered: remembered !== undefined,
    missing: read.missing,
    counts: platformCounts(platform),
    problems: read.problems,
    errors: read.errors,
    rows: read.count,
    matched: [],
    ambiguous: [],
    unmatched: [],
    duplicates: [],
    warnings: [],
    toWrite: 0,
    unchanged: 0,
    committed: false,
    written: 0,
    undo: null
  }
  if (headers.every((h) => !h)) report.problems.push('没有找到表头行：请确认这是从后台导出的数据文件')
  if (!read.missing.length && read.count === 0) report.problems.push('文件里没有数据行')
  if (read.missing.length || read.rows.length === 0) return report

  job.progress('checking', 0, read.rows.length)
  const dates = read.rows.map((r) => r.date).sort()
  const pieces = statCandidates(db, platform, addDays(dates[0], -1), addDays(dates[dates.length - 1], 1))
  const full = new Map<number, Piece>()
  const pieceOf = (c: StatCandidate): Piece => {
    if (!full.has(c.id)) full.set(c.id, mustGetPiece(ctx, c.id))
    return full.get(c.id)!
  }
  const writes: { row: number; piece: Piece; changes: StatChange[] }[] = []
  const taken = new Map<number, number>() // piece id → the row writing it
  for (const m of matchRows(read.rows, pieces)) {
    if (m.kind === 'unmatched') report.unmatched.push(m.row)
    else if (m.kind === 'duplicate') report.duplicates.push({ ...m.row, sameAsRow: m.sameAsRow, differs: m.differs })
    else if (m.kind === 'matched') {
      const changes = changesFor(pieceOf(m.piece), m.row.counts)
      report.matched.push({ ...m.row, piece: m.piece, dayOff: m.dayOff, changes })
      const other = taken.get(m.piece.id)
      if (other !== undefined) report.problems.push(`第 ${other} 行选择的《${m.piece.title}》已由第 ${m.row.row} 行对应，请为第 ${other} 行另选或跳过`)
      taken.set(m.piece.id, m.row.row)
      if (changes.length) writes.push({ row: m.row.row, piece: pieceOf(m.piece), changes })
      else report.unchanged++
    } else {
      const choice = o.choices?.[String(m.row.row)]
      const chosen = choice ? (m.candidates.find((c) => c.id === choice) ?? null) : null
      if (choice && !chosen) report.problems.push(`第 ${m.row.row} 行：所选的记录（编号 ${choice}）不是这一行的候选，请重新选择`)
      const changes = chosen ? changesFor(pieceOf(chosen), m.row.counts) : []
      report.ambiguous.push({ ...m.row, candidates: m.candidates, chosen: chosen?.id ?? null, changes })
      if (chosen) {
        const other = taken.get(chosen.id)
        if (other !== undefined) report.problems.push(`第 ${m.row.row} 行选择的《${chosen.title}》已由第 ${other} 行写入，请为其中一行另选或跳过`)
        taken.set(chosen.id, m.row.row)
        if (changes.length) writes.push({ row: m.row.row, piece: pieceOf(chosen), changes })
      }
    }
  }
  report.toWrite = writes.length
  report.warnings = signedMonthWarnings(db, writes.map((w) => w.piece.date))
  if (report.matched.some((m) => m.dayOff)) report.warnings.push('部分行与台账中前一天或后一天的记录对应（发布时间跨过零点），请在“已匹配”中核对')
  job.progress('checking', read.rows.length, read.rows.length)
  await job.pause() // the last pause: 取消 stops here at the latest, before anything is written

  const blocked = report.errors.length > 0 || report.problems.length > 0
  const apply = (onRefused: (row: number, e: UserError) => void): void => {
    for (const w of writes) {
      try {
        updateFromForm(ctx, w.piece.id, patchFor(w.piece, w.changes), true, 'stats-import')
      } catch (e) {
        if (!(e instanceof UserError)) throw e
        onRefused(w.row, e)
      }
    }
  }
  if (!o.commit || blocked) {
    if (writes.length && !blocked) {
      try {
        ctx.desk.tx(() => {
          apply((row, e) => report.problems.push(`第 ${row} 行：${e.message}`))
          throw new TrialRun()
        })
      } catch (e) {
        if (!(e instanceof TrialRun)) throw e
      }
    }
    return report
  }

  job.progress('writing', 0, writes.length)
  const at = ctx.now().toISOString()
  const undo = ctx.desk.tx(() => {
    const done = undoable(ctx, () =>
      apply((row, e) => {
        throw new UserError(`第 ${row} 行：${e.message}（没有写入任何数据）`, e.details)
      })
    )
    const confirmed = mappingToRemember(mapping)
    if (JSON.stringify(remembered) !== JSON.stringify(confirmed)) writeState(db, 'post-stats-mappings', { ...memory, [signature]: confirmed }, at)
    recordAudit(db, {
      at,
      actor: ctx.actor,
      action: 'stats-import',
      entity: 'ledger',
      entityId: o.fileName,
      changes: {
        fileName: o.fileName,
        platform: PLATFORM_LABELS[platform],
        rows: read.count,
        written: writes.length,
        unchanged: report.unchanged,
        skipped: report.ambiguous.filter((a) => a.chosen === null).length,
        unmatched: report.unmatched.length,
        duplicates: report.duplicates.length,
        mapping
      }
    })
    return done.undo
  })
  job.progress('writing', writes.length, writes.length)
  return { ...report, committed: true, written: writes.length, undo }
}
