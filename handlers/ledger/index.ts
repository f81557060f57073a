import { defineHandlers } from '../dispatch'
import { startJob } from '../jobs/runner'
import { readProfile } from '../app'
import { departmentsInUse, piecePosition, themesInUse } from '../../db/queries/ledger-io'
import { searchCondition } from '../../db/queries/search'
import { pieces } from '../../db/schema'
import { templateCsv, templateXlsx } from '../../services/ledger/write-file'
import { DEFAULT_THEMES } from '../../shared/channels'
import { decodeUpload, runImport } from './import'
import { runExport } from './export'
import { bulkStatus } from './bulk'
import { runStatsImport } from './stats-import'

const union = (...lists: string[][]): string[] => [...new Set(lists.flat())]

export const ledgerHandlers = defineHandlers({
  'ledger-template': async ({ format }) => {
    const bytes = format === 'csv' ? templateCsv() : await templateXlsx()
    return { fileName: `台账导入模板.${format}`, base64: bytes.toString('base64') }
  },
  'ledger-import-start': ({ fileName, base64, mapping, skipDuplicates, commit }, ctx) => {
    const bytes = decodeUpload(base64) // a bad upload is refused at once, before any job starts
    return { jobId: startJob(ctx, 'ledger-import', (job) => runImport(ctx, { fileName, bytes, mapping, skipDuplicates, commit }, job)) }
  },
  'post-stats-import-start': ({ fileName, base64, platform, mapping, choices, commit }, ctx) => {
    const bytes = decodeUpload(base64)
    return { jobId: startJob(ctx, 'post-stats-import', (job) => runStatsImport(ctx, { fileName, bytes, platform, mapping, choices, commit }, job)) }
  },
  'ledger-export-start': ({ format, filter }, ctx) => ({
    jobId: startJob(ctx, 'ledger-export', async (job) => {
      const { fileName, bytes, rows } = await runExport(ctx, format, filter, job)
      return { fileName, base64: bytes.toString('base64'), rows }
    })
  }),
  'ledger-position': ({ id, filter }, ctx) => {
    const q = filter.q?.trim()
    const match = q ? searchCondition('piece_search', pieces.id, q) : undefined
    return { index: piecePosition(ctx.desk.db, id, filter, match ?? undefined) }
  },
  'ledger-facets': (_a, ctx) => ({
    themes: union(DEFAULT_THEMES, themesInUse(ctx.desk.db)),
    departments: union(readProfile(ctx.desk.db)?.departments ?? [], departmentsInUse(ctx.desk.db))
  }),
  'piece-bulk-status': ({ ids, status, confirm }, ctx) => bulkStatus(ctx, ids, status, confirm)
})
