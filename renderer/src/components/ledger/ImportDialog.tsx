// Import dialog: pick a file → preview (column mapping, every bad row, likely duplicates) → 导入.
// Checking and writing run as a background job with a progress bar; nothing is written unless every row is valid.
import { useRef, useState } from 'react'
import { call } from '../../api'
import { runJob } from '../../jobs'
import { pickedUpload, downloadPayload } from '../../files'
import { JobProgress } from '../JobProgress'
import { Dialog } from '../Overlay'
import { channelLabel } from '../../../../shared/channels'
import { LEDGER_COLUMNS, MAX_IMPORT_BYTES, type ImportReport, type LedgerColumn } from '../../../../shared/contract/ledger'
import type { DeskError } from '../../../../shared/contract'
import type { JobStatus } from '../../../../shared/contract/jobs'

const T = {
  title: '从 Excel 导入台账',
  intro: '按导入模板填写，或选择从工作台导出的台账文件（支持 .xlsx 和 .csv）。列的顺序不限，多余的列会被忽略；带“记录标识”的行更新原记录而不会重复新增；任何一行有错，整个文件都不会导入。',
  template: '下载模板：',
  templateXlsx: 'Excel 模板',
  templateCsv: 'CSV 模板',
  pick: '选择文件',
  repick: '重新选择文件',
  file: (r: ImportReport) => `文件“${r.fileName}”${r.sheet ? `，工作表“${r.sheet}”` : ''}，表头在第 ${r.headerRow} 行，共 ${r.rows} 行数据${r.encoding === 'gb18030' ? '（GBK 编码）' : ''}`,
  mapping: '列对应关系',
  mappingSummary: (r: ImportReport) => {
    const all = Object.values(r.mapping)
    const used = all.filter(Boolean).length
    return `列对应关系：${used} 列将导入${all.length - used ? `，${all.length - used} 列不导入` : ''}${r.missing.length ? `，缺少 ${r.missing.join('、')}` : ''}`
  },
  mappingHint: '表头名称与模板不同时，在这里选择它对应的列；导入成功后会记住，下次自动对应。',
  ignore: '不导入',
  mapTo: (header: string) => `“${header}”导入为`,
  remembered: '已记住',
  missing: (cols: string[]) => `缺少必需的列：${cols.join('、')}。请在上面的“导入为”中为它们选择对应的列。`,
  errors: (n: number) => `有 ${n} 处错误，整个文件都不会导入。请在 Excel 中改正以下各行后重新选择文件：`,
  moreErrors: (n: number) => `……另有 ${n} 处错误未列出`,
  errCols: ['行', '列', '问题'],
  errList: '错误列表',
  letter: (l: string) => `${l} 列 `,
  row: (n: number) => `第 ${n} 行`,
  dups: (n: number) => `有 ${n} 行疑似重复（同一渠道、同一标题、同一日期）：`,
  dupCols: ['行', '渠道', '标题', '日期', '与谁重复'],
  dupList: '疑似重复',
  dupExisting: (id: number) => `已有记录（编号 ${id}）`,
  dupRow: (n: number) => `本文件第 ${n} 行`,
  skipDups: '跳过这些疑似重复的行（默认跳过）',
  sample: '查看前几行',
  ok: (n: number) => `检查通过：可以导入 ${n} 条。`,
  plan: (added: number, changed: number, unchanged: number, left: number) =>
    `将新增 ${added} 条，修改 ${changed} 条，不变 ${unchanged} 条${left ? `，不导入 ${left} 条` : ''}。全部成功才写入，否则一条也不写入。`,
  changes: (n: number) => `将修改 ${n} 条已有记录（按记录标识对应）：`,
  changeCols: ['行', '记录', '修改内容'],
  changeList: '将修改的记录',
  changeText: (c: string, before: string, after: string) => `${c}：${before || '（空）'} → ${after || '（空）'}`,
  left: (n: number) => `有 ${n} 行不会导入：`,
  leftList: '不导入的行',
  leftCols: ['行', '标题', '原因'],
  import: (n: number) => `导入 ${n} 条`,
  importWith: (added: number, changed: number) => `导入（新增 ${added} 条，修改 ${changed} 条）`,
  cancel: '取消',
  close: '完成',
  done: (imported: number, updated: number, skipped: number) => `已导入 ${imported} 条${updated ? `，更新已有记录 ${updated} 条` : ''}${skipped ? `，跳过疑似重复 ${skipped} 条` : ''}。`,
  tooBig: `文件过大（上限 ${MAX_IMPORT_BYTES / 1024 / 1024} MB），请拆分后分批导入`,
  phases: { queued: '准备中…', reading: '正在读取文件…', checking: '正在逐行检查…', writing: '正在写入台账…' } as Record<string, string>
}
const SHOWN_ERRORS = 500

export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null)
  const [mapping, setMapping] = useState<Record<string, LedgerColumn | ''>>({})
  const [skipDuplicates, setSkipDuplicates] = useState(true)
  const [report, setReport] = useState<ImportReport | null>(null)
  const [job, setJob] = useState<JobStatus | null>(null)
  const [error, setError] = useState<DeskError | null>(null)
  const busy = job !== null && !job.finished

  async function run(f: { fileName: string; base64: string }, m: Record<string, LedgerColumn | ''>, commit: boolean): Promise<void> {
    setError(null)
    const s = await runJob<ImportReport>('ledger-import-start', { ...f, mapping: m, skipDuplicates, commit }, setJob)
    setJob(s)
    if (s.error) return setError(s.error)
    setReport(s.result!)
    if (s.result!.committed) onImported()
  }

  async function pick(list: FileList | null): Promise<void> {
    const f = await pickedUpload(list)
    if (!f) return
    if (f === 'too-big') return setError({ type: 'user', message: T.tooBig })
    setFile(f)
    setReport(null)
    await run(f, mapping, false)
    if (inputRef.current) inputRef.current.value = '' // picking the same (fixed) file again must fire onChange
  }

  function remap(header: string, target: LedgerColumn | ''): void {
    const next = { ...mapping, [header]: target }
    setMapping(next)
    if (file) void run(file, next, false)
  }

  const r = report
  const blocked = !r || r.missing.length > 0 || r.problems.length > 0 || r.errors.length > 0 || r.rows === 0
  const dupCount = r?.duplicates.length ?? 0
  const toAdd = r ? r.added - (skipDuplicates ? dupCount : 0) : 0
  const toChange = r?.changes.length ?? 0
  const toImport = toAdd + toChange
  const shownColumns = LEDGER_COLUMNS.filter((c) => r?.sample.some((s) => c in s.cells))
  return (
    // A picked file not yet imported counts as unsaved: closing asks first; a running check or import never closes.
    <Dialog className="modal import-dialog" labelledBy="import-title" busy={busy} dirty={!!file && !r?.committed} onClose={onClose}>
      {(close) => (<>
        <h2 id="import-title">{T.title}</h2>
        {!r?.committed && (
          <>
            <p className="muted">{T.intro}</p>
            <p className="template-links">
              {T.template}
              <button type="button" className="link" onClick={async () => downloadPayload(await call('ledger-template', { format: 'xlsx' }))}>{T.templateXlsx}</button>
              <button type="button" className="link" onClick={async () => downloadPayload(await call('ledger-template', { format: 'csv' }))}>{T.templateCsv}</button>
            </p>
            <input ref={inputRef} type="file" accept=".xlsx,.csv,.xlsm,.txt" aria-label={T.pick} className="visually-hidden" onChange={(e) => void pick(e.currentTarget.files)} />
            <button type="button" disabled={busy} onClick={() => inputRef.current?.click()}>{file ? T.repick : T.pick}</button>
          </>
        )}
        <JobProgress status={job} phases={T.phases} label={T.title} />
        {error && <div className="form-error" role="alert">{error.message}</div>}
        {r && !busy && r.committed && (
          <p className="import-done ok-text" role="status">{T.done(r.imported, r.updated, r.skipped)}</p>
        )}
        {r && !busy && !r.committed && (
          <div className="import-report">
            <p>{T.file(r)}</p>
            {r.missing.length > 0 && <div className="form-error" role="alert">{T.missing(r.missing)}</div>}
            {r.problems.map((p) => <div key={p} className="form-error" role="alert">{p}</div>)}
            {r.errors.length > 0 && (
              <div className="import-errors" role="alert">
                <p className="danger-text">{T.errors(r.errors.length + r.moreErrors)}</p>
                <table className="table compact" aria-label={T.errList}>
                  <thead><tr>{T.errCols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
                  <tbody>
                    {r.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
                      <tr key={i}>
                        <td className="nowrap">{T.row(e.row)}</td>
                        <td className="nowrap">{e.letter ? T.letter(e.letter) : ''}{e.column}{e.field && e.field !== e.column ? `（${e.field}）` : ''}</td>
                        <td>{e.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {r.errors.length + r.moreErrors > SHOWN_ERRORS && <p className="muted">{T.moreErrors(r.errors.length + r.moreErrors - SHOWN_ERRORS)}</p>}
              </div>
            )}
            {!blocked && <p className="ok-text">{T.ok(toImport)}{T.plan(toAdd, toChange, r.unchanged, r.left.length + (skipDuplicates ? dupCount : 0))}</p>}
            {r.changes.length > 0 && (
              <div className="import-changes">
                <p>{T.changes(r.changes.length)}</p>
                <table className="table compact" aria-label={T.changeList}>
                  <thead><tr>{T.changeCols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
                  <tbody>
                    {r.changes.slice(0, SHOWN_ERRORS).map((c) => (
                      <tr key={c.row}>
                        <td className="nowrap">{T.row(c.row)}</td>
                        <td>{c.title}</td>
                        <td>{c.fields.map((f) => <div key={f.column}>{T.changeText(f.column, f.before, f.after)}</div>)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {r.left.length > 0 && (
              <div className="import-left">
                <p className="warn-text">{T.left(r.left.length)}</p>
                <table className="table compact" aria-label={T.leftList}>
                  <thead><tr>{T.leftCols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
                  <tbody>{r.left.map((l) => <tr key={l.row}><td className="nowrap">{T.row(l.row)}</td><td>{l.title}</td><td>{l.reason}</td></tr>)}</tbody>
                </table>
              </div>
            )}
            {dupCount > 0 && (
              <div className="import-dups">
                <p className="warn-text">{T.dups(dupCount)}</p>
                <table className="table compact" aria-label={T.dupList}>
                  <thead><tr>{T.dupCols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
                  <tbody>
                    {r.duplicates.slice(0, SHOWN_ERRORS).map((d) => (
                      <tr key={d.row}>
                        <td>{T.row(d.row)}</td><td>{channelLabel(d.channel)}</td><td>{d.title}</td><td className="nowrap">{d.date}</td>
                        <td>{d.existingId !== null ? T.dupExisting(d.existingId) : T.dupRow(d.sameAsRow!)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <label className="check"><input type="checkbox" checked={skipDuplicates} onChange={(e) => setSkipDuplicates(e.currentTarget.checked)} />{T.skipDups}</label>
              </div>
            )}
            <details className="import-section" open={r.missing.length > 0 || r.problems.length > 0}>
              <summary>{T.mappingSummary(r)}</summary>
              <p className="muted small">{T.mappingHint}</p>
              <div className="mapping-grid" role="group" aria-label={T.mapping}>
                {Object.entries(r.mapping).map(([header, target]) => (
                  <label key={header} className={target ? 'mapped' : 'ignored'}>
                    <span className="mapping-header" title={header}>
                      {header}
                      {r.remembered.includes(header) && <span className="tag">{T.remembered}</span>}
                    </span>
                    <span aria-hidden>→</span>
                    <select aria-label={T.mapTo(header)} value={target} onChange={(e) => remap(header, e.currentTarget.value as LedgerColumn | '')}>
                      <option value="">{T.ignore}</option>
                      {LEDGER_COLUMNS.map((c) => <option key={c} value={c}>{c}</option>)}
                    </select>
                  </label>
                ))}
              </div>
            </details>
            {r.sample.length > 0 && (
              <details className="import-section">
                <summary>{T.sample}</summary>
                <div className="sample-wrap">
                  <table className="table compact" aria-label={T.sample}>
                    <thead><tr><th>{T.errCols[0]}</th>{shownColumns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
                    <tbody>
                      {r.sample.map((s) => (
                        <tr key={s.row} className={s.bad ? 'bad' : undefined}>
                          <td className="nowrap">{s.row}</td>
                          {shownColumns.map((c) => <td key={c} className="clip">{s.cells[c]}</td>)}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            )}
          </div>
        )}
        <div className="actions">
          {r && !r.committed && (
            <button type="button" className="primary" disabled={blocked || busy || toImport === 0} onClick={() => file && void run(file, mapping, true)}>
              {toChange ? T.importWith(toAdd, toChange) : T.import(toImport)}
            </button>
          )}
          <button type="button" disabled={busy} onClick={close}>{r?.committed ? T.close : T.cancel}</button>
        </div>
      </>)}
    </Dialog>
  )
}
