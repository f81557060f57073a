// 报告: the half-year (or any period's) 意识形态工作总结 — the in-app preview with each month's sign-off, the
// files as jobs, the wording setting, and the secretary's 定稿 (handlers/reports/finals.ts).
import { defineHandlers } from '../registry'
import { startJob } from '../jobs/registry'
import { putSetting } from '../../db/queries/settings'
import { recordAudit } from '../../db/queries/audit'
import { REPORT_SETTINGS_KEY, readReportSettings, renderReport, reportData } from './render'
import { downloadFinal, finalView, finalize, listFinalInfos } from './finals'
import { draftTitle } from '../../services/report/draft'
import type { ReportSettings } from '../../shared/contract/reports'

export const reportHandlers = defineHandlers({
  'report-preview': ({ period }, ctx) => {
    const started = performance.now()
    const d = reportData(ctx, period)
    const figures = d.set.figures.map(({ ids: _ids, ...f }) => f)
    return {
      period: d.set.period, fileBase: draftTitle(d.set), paragraphs: d.paragraphs, figures, evidence: d.evidence.length,
      signoffs: d.signoffs, basis: d.basis, final: finalView(ctx, d), ms: Math.round(performance.now() - started)
    }
  },
  'report-export-start': ({ period, format }, ctx) => ({
    jobId: startJob(ctx, 'report', async (job) => {
      const { mime: _mime, ...file } = await renderReport(ctx, period, format, job)
      return file
    })
  }),
  'report-settings-get': (_a, ctx) => readReportSettings(ctx.desk.db),
  'report-settings-save': ({ wording }, ctx) =>
    ctx.desk.tx(() => {
      const before = readReportSettings(ctx.desk.db)
      const after: ReportSettings = { ...before, wording }
      const at = ctx.now().toISOString()
      putSetting(ctx.desk.db, REPORT_SETTINGS_KEY, after, at)
      recordAudit(ctx.desk.db, { at, actor: ctx.actor, action: 'update', entity: 'settings', entityId: REPORT_SETTINGS_KEY, changes: { wording: [before.wording, after.wording] } })
      return after
    }),
  'report-finalize': (args, ctx) => finalize(ctx, args),
  'report-finals': ({ period }, ctx) => listFinalInfos(ctx, period),
  'report-final-download': ({ id, format }, ctx) => downloadFinal(ctx, id, format)
})
