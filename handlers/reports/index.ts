// 报告: the half-year (or any period's) 意识形态工作总结 — the in-app preview with each month's sign-off, the
// files as jobs, the wording setting, and the secretary's 定稿 (handlers/reports/finals.ts).
import { defineHandlers } from '../dispatch'
import { startJob } from '../jobs/runner'
import { readSetting, saveSetting } from '../settings'
import { renderReport, reportData } from './render'
import { downloadFinal, finalView, finalize, listFinalInfos } from './finals'
import { draftTitle } from '../../services/report/draft'
import { editHandlers } from './edits'
import { draftProof } from './proof'
import { unusedEdits } from '../../services/report/edits'
import { editsOf } from '../../db/queries/report-edits'

export const reportsHandlers = defineHandlers({
  'report-preview': ({ period }, ctx) => {
    const started = performance.now()
    const d = reportData(ctx, period)
    const figures = d.set.figures.map(({ ids: _ids, ...f }) => f)
    return {
      period: d.set.period, fileBase: draftTitle(d.set), paragraphs: d.paragraphs, figures, evidence: d.evidence.length,
      signoffs: d.signoffs, basis: d.basis, final: finalView(ctx, d), ms: Math.round(performance.now() - started),
      unused: unusedEdits(d.paragraphs, editsOf(ctx.desk.db, d.period.code)), proof: draftProof(ctx.desk.db, d.paragraphs)
    }
  },
  'report-export-start': ({ period, format }, ctx) => ({
    jobId: startJob(ctx, 'report', async (job) => {
      const { mime: _mime, ...file } = await renderReport(ctx, period, format, job)
      return file
    })
  }),
  'report-settings-get': (_a, ctx) => readSetting(ctx.desk.db, 'report.settings'),
  'report-settings-save': ({ wording }, ctx) => saveSetting(ctx, 'report.settings', { ...readSetting(ctx.desk.db, 'report.settings'), wording }),
  'report-finalize': (args, ctx) => finalize(ctx, args),
  'report-finals': ({ period }, ctx) => listFinalInfos(ctx, period),
  'report-final-download': ({ id, format }, ctx) => downloadFinal(ctx, id, format),
  ...editHandlers
})
