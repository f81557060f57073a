// 报告: the 意识形态工作总结 draft of a half-year (or any period) — previewed here with each month's sign-off,
// downloaded as Word, Excel, CSV or JSON, and finalized (定稿) by the secretary. All files and the preview come
// from the same computed figures.
import { useState } from 'react'
import './tally.css'
import { useQuery } from '../hooks'
import { invoke } from '../api'
import { runJob } from '../jobs'
import { downloadPayload } from '../files'
import { JobProgress } from '../components/JobProgress'
import { PeriodPicker } from '../components/tally/PeriodPicker'
import { MonthStates } from '../components/tally/MonthStates'
import { FinalPanel } from '../components/tally/FinalPanel'
import { DraftParagraphs } from '../components/report/DraftParagraphs'
import { ProofHints } from '../components/report/ProofHints'
import { UnusedEdits } from '../components/report/UnusedEdits'
import '../components/report/report.css'
import { lastMonthOf, parsePeriod, periodProblem } from '../../../shared/periods'
import { FIGURE_GROUPS, type NumberWording, type ReportFile, type ReportFormat } from '../../../shared/contract/reports'
import type { DeskError } from '../../../shared/contract'
import type { JobStatus } from '../../../shared/contract/jobs'

const T = {
  title: '报告',
  intro: '按所选区间自动起草意识形态工作总结：各段数字均来自台账与舆情记录，可下载 Word 草稿修改定稿；Excel、CSV、JSON 为同一组数字的明细。',
  editIntro: '草稿中的每一段都可点“修改”直接改写（Ctrl+Enter 保存，Esc 取消）。修改按统计区间保存，此后下载的 Word 和新的定稿都使用修改后的文字；“恢复自动生成”可随时改回。',
  finalNote: (n: number) => `本半年已定稿（第 ${n} 版）。定稿文件是定稿时的原样，不会因这里的修改而变化；修改只用于此后的下载和新的定稿版本。`,
  wording: '数字写法',
  exact: '精确数字（如 103600 份）',
  approx: '约数加“余”（如 10万余份）',
  downloads: '下载',
  formats: { docx: 'Word 草稿（.docx）', xlsx: 'Excel 汇总（.xlsx）', csv: 'CSV（.csv）', json: 'JSON（.json）' } as Record<ReportFormat, string>,
  phases: { queued: '正在准备…', figures: '正在统计…', rows: '正在读取明细…', writing: '正在写入文件…' },
  preview: '预览',
  draft: '总结草稿预览',
  took: (ms: number) => `统计与起草用时 ${ms} 毫秒`,
  appendix: '附表1：主要数据一览',
  evidence: (n: number) => `附表2：佐证材料清单（${n} 件，见下载的 Word 与 Excel）`,
  noEvidence: '本期台账记录尚未上传佐证材料。',
  cols: ['分组', '统计项', '数值', '单位'],
  loading: '正在起草…',
  saved: '已下载：'
}
const FORMATS: ReportFormat[] = ['docx', 'xlsx', 'csv', 'json']

/** The half-year containing last month: at the end of June the office writes the 上半年 summary. */
function defaultPeriod(today: string): string {
  const m = lastMonthOf(today)
  return `${m.slice(0, 4)}H${Number(m.slice(5)) <= 6 ? 1 : 2}`
}

export function Report({ today, route, go }: { today: string; route: string[]; go: (p: string) => void }) {
  const requested = route[0] ? decodeURIComponent(route[0]) : ''
  const code = requested && periodProblem(requested) === null ? requested : defaultPeriod(today)
  const settings = useQuery('report-settings-get', {})
  const preview = useQuery('report-preview', { period: code })
  const session = useQuery('session-state', {})
  const canEdit = !!session.data?.allowed.includes('report-edit-save')
  const [job, setJob] = useState<JobStatus | null>(null)
  const [error, setError] = useState<DeskError | null>(null)
  const [saved, setSaved] = useState('')

  async function setWording(wording: NumberWording): Promise<void> {
    const r = await invoke('report-settings-save', { wording })
    if (!r.ok) setError(r.error)
  }

  async function download(format: ReportFormat): Promise<void> {
    setError(null)
    setSaved('')
    const s = await runJob<ReportFile>('report-export-start', { period: code, format }, setJob)
    setJob(null)
    if (s.error) return setError(s.error)
    downloadPayload(s.result!)
    const hits = s.result!.proof?.length ?? 0
    setSaved(hits ? `${s.result!.fileName}（校对发现 ${hits} 处规范表述提示，见下方“规范表述提示”，请核对后再报送）` : `${s.result!.fileName}（已校对规范表述，未发现问题）`)
  }

  const p = preview.data
  return (
    <section className="page report-page">
      <header className="page-head"><h1>{T.title}</h1></header>
      <p className="muted">{T.intro}</p>
      <div className="report-controls">
        <PeriodPicker key={parsePeriod(code).kind} code={code} today={today} onChange={(c) => go(`report/${encodeURIComponent(c)}`)} />
        <fieldset className="wording" aria-label={T.wording}>
          <legend className="field-label">{T.wording}</legend>
          {(['approx', 'exact'] as NumberWording[]).map((w) => (
            <label key={w} className="radio">
              <input type="radio" name="wording" value={w} checked={settings.data?.wording === w} onChange={() => void setWording(w)} />
              {w === 'exact' ? T.exact : T.approx}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="downloads" aria-label={T.downloads}>
        {FORMATS.map((f) => (
          <button key={f} type="button" className={f === 'docx' ? 'primary' : ''} disabled={job !== null || !p} onClick={() => void download(f)}>{T.formats[f]}</button>
        ))}
        {saved && <span className="ok-text">{T.saved}{saved}</span>}
      </div>
      <JobProgress status={job} phases={T.phases} label={T.downloads} />
      {error && <div className="form-error">{error.message}</div>}
      {preview.error && <div className="form-error">{preview.error.message}</div>}
      {!p && !preview.error && <p className="loading">{T.loading}</p>}
      {p && (
        <>
          <FinalPanel key={p.period.code} preview={p} />
          <MonthStates months={p.signoffs} basis={p.basis} />
          <p className="muted small">{T.preview} · {T.took(p.ms)}</p>
          {canEdit && <p className="muted report-edit-note">{T.editIntro}</p>}
          {canEdit && p.final && <p className="report-edit-note final-note" role="note">{T.finalNote(p.final.version)}</p>}
          <ProofHints hits={p.proof} paragraphs={p.paragraphs} />
          <UnusedEdits period={p.period.code} edits={p.unused} canEdit={canEdit} />
          <article className="draft" aria-label={T.draft}>
            <DraftParagraphs period={p.period.code} paragraphs={p.paragraphs} proof={p.proof} canEdit={canEdit} />
            <h3>{T.appendix}</h3>
            <table aria-label={T.appendix}>
              <thead><tr>{T.cols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
              <tbody>
                {p.figures.filter((f) => f.value !== 0).map((f) => (
                  <tr key={f.key}><td>{FIGURE_GROUPS[f.group]}</td><td>{f.label}</td><td className="n">{f.value}</td><td>{f.unit}</td></tr>
                ))}
              </tbody>
            </table>
            <h3>{T.evidence(p.evidence)}</h3>
            {p.evidence === 0 && <p className="d-note">{T.noEvidence}</p>}
          </article>
        </>
      )}
    </section>
  )
}
