// 导入公众号数据: pick the back office's export → check the columns (suggested, or remembered from the last file
// with these headers) → preview in three groups (已匹配 / 需选择 / 未匹配, and rows that appear twice) → 写入.
// Every step before 写入 only reads; 取消 or Esc at any step writes nothing.
import { useRef, useState } from 'react'
import { invoke } from '../../api'
import { runJob } from '../../jobs'
import { pickedUpload } from '../../files'
import { JobProgress } from '../JobProgress'
import { Dialog } from '../Overlay'
import { offerUndo } from '../Toast'
import { statusLabel } from '../../../../shared/channels'
import { MAX_IMPORT_BYTES } from '../../../../shared/contract/ledger'
import {
  PLATFORM_LABELS, STAT_PLATFORMS, statFieldLabel,
  type StatCandidate, type StatChange, type StatField, type StatPlatform, type StatsReport
} from '../../../../shared/contract/ledger-stats'
import type { DeskError } from '../../../../shared/contract'
import type { JobStatus } from '../../../../shared/contract/jobs'
import './stats-import.css'

const T = {
  title: '导入公众号数据',
  intro: '选择从后台导出的数据文件（微信公众平台 → 数据分析 → 内容分析；视频号、微博、抖音的作品数据也可以），支持 .xlsx 和 .csv。按标题和发布日期与台账中的记录对应，写入阅读、分享、点赞、在看数；写入前先预览，点“写入”之前不会修改任何记录。',
  platform: '平台',
  auto: '自动识别',
  pick: '选择文件',
  repick: '重新选择文件',
  steps: ['选择文件', '核对列', '预览', '写入'],
  file: (r: StatsReport) => `文件“${r.fileName}”${r.sheet ? `，工作表“${r.sheet}”` : ''}，表头在第 ${r.headerRow} 行，共 ${r.rows} 行数据${r.encoding === 'gb18030' ? '（GBK 编码）' : ''}；识别为${PLATFORM_LABELS[r.platform]}数据。`,
  mapping: '列对应关系',
  mappingSummary: (r: StatsReport, remembered: boolean) => `列对应关系：${Object.values(r.mapping).filter(Boolean).length} 列将读取${remembered ? '（沿用上次确认的对应）' : '（自动建议，请核对）'}`,
  mappingHint: '后台的列名时常改变：在这里选择每一列对应的内容；写入后会记住，下次导入同样表头的文件时自动沿用。',
  ignore: '不导入',
  mapTo: (h: string) => `“${h}”对应`,
  missing: (names: string[]) => `缺少对应的列：${names.join('、')}。请在“列对应关系”中选择。`,
  errors: (n: number) => `有 ${n} 处错误，不会写入任何数据。请改正文件后重新选择：`,
  row: (n: number) => `第 ${n} 行`,
  matched: (n: number) => `已匹配（${n}）`,
  ambiguous: (n: number) => `需选择（${n}）`,
  unmatched: (n: number) => `未匹配（${n}）`,
  duplicates: (n: number) => `文件中重复的行（${n}）`,
  matchedCols: ['行', '文件中的标题', '台账记录', '将写入（旧值 → 新值）'],
  ambiguousHint: '台账中有多条同名同日的记录：请选择对应的一条，或跳过这一行。',
  ambiguousCols: ['行', '文件中的标题', '日期', '对应记录', '将写入'],
  skip: '跳过这一行',
  choose: (row: number) => `第 ${row} 行对应的记录`,
  candidate: (c: StatCandidate) => `编号 ${c.id}（${[c.date, statusLabel(c.status), c.venue, c.author && `作者 ${c.author}`, c.reads !== null && `阅读量 ${c.reads}`].filter(Boolean).join('，')}）`,
  unmatchedHint: '台账中找不到这些标题和日期的记录，不会写入。如是漏登，请先在台账中补录。',
  unmatchedCols: ['行', '文件中的标题', '日期'],
  dupCols: ['行', '标题', '说明'],
  dupText: (same: number, differs: boolean) => `与第 ${same} 行是同一篇${differs ? '（数字不同，按第 ' + same + ' 行写入）' : ''}，不重复写入`,
  dayOff: '日期相差一天',
  same: '数字与台账相同',
  empty: '（空）',
  change: (label: string, c: StatChange, empty: string) => `${label}：${c.before ?? empty} → ${c.after}`,
  write: (n: number) => `写入 ${n} 篇`,
  cancel: '取消',
  close: '完成',
  done: (r: StatsReport) => `已写入 ${r.written} 篇的数据。${r.unchanged ? `${r.unchanged} 篇与台账相同；` : ''}${r.unmatched.length ? `未匹配 ${r.unmatched.length} 行、` : ''}${r.duplicates.length ? `重复 ${r.duplicates.length} 行、` : ''}${r.ambiguous.some((a) => a.chosen === null) ? `跳过 ${r.ambiguous.filter((a) => a.chosen === null).length} 行、` : ''}`.replace(/、$/, '未写入。'),
  undoToast: (n: number) => `已写入 ${n} 篇的阅读数据`,
  tooBig: `文件过大（上限 ${MAX_IMPORT_BYTES / 1024 / 1024} MB）`,
  phases: { queued: '准备中…', reading: '正在读取文件…', checking: '正在与台账对应…', writing: '正在写入…' } as Record<string, string>
}

type Mapping = Record<string, StatField | ''>

export function StatsImportDialog({ onClose }: { onClose: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null)
  const [platform, setPlatform] = useState<StatPlatform | ''>('')
  const [mapping, setMapping] = useState<Mapping>({})
  const [choices, setChoices] = useState<Record<string, number>>({})
  const [report, setReport] = useState<StatsReport | null>(null)
  const [job, setJob] = useState<JobStatus | null>(null)
  const [error, setError] = useState<DeskError | null>(null)
  const busy = job !== null && !job.finished

  async function run(f: { fileName: string; base64: string }, o: { platform: StatPlatform | ''; mapping: Mapping; choices: Record<string, number> }, commit: boolean): Promise<void> {
    setError(null)
    const s = await runJob<StatsReport>('post-stats-import-start', { ...f, platform: o.platform || undefined, mapping: o.mapping, choices: o.choices, commit }, setJob)
    setJob(s)
    if (s.error) return setError(s.error)
    const r = s.result!
    setReport(r)
    if (r.committed) offerUndo(T.undoToast(r.written), r.undo && (() => invoke('piece-undo', r.undo!)))
  }

  async function pick(list: FileList | null): Promise<void> {
    const f = await pickedUpload(list)
    if (!f) return
    if (f === 'too-big') return setError({ type: 'user', message: T.tooBig })
    setFile(f)
    setReport(null)
    setMapping({})
    setChoices({})
    await run(f, { platform, mapping: {}, choices: {} }, false)
    if (inputRef.current) inputRef.current.value = ''
  }

  function again(next: { platform?: StatPlatform | ''; mapping?: Mapping; choices?: Record<string, number> }): void {
    const o = { platform: next.platform ?? platform, mapping: next.mapping ?? mapping, choices: next.choices ?? choices }
    setPlatform(o.platform)
    setMapping(o.mapping)
    setChoices(o.choices)
    if (file) void run(file, o, false)
  }

  const r = report
  const blocked = !r || r.missing.length > 0 || r.problems.length > 0 || r.errors.length > 0
  const step = !r ? 0 : r.committed ? 3 : r.missing.length ? 1 : 2
  const label = (f: StatField) => (r ? statFieldLabel(r.platform, f) : f)
  const changes = (c: StatChange[]) => (c.length ? c.map((x) => <div key={x.field}>{T.change(label(x.field), x, T.empty)}</div>) : <span className="muted">{T.same}</span>)
  return (
    <Dialog className="modal import-dialog stats-import" labelledBy="stats-import-title" busy={busy} dirty={!!file && !r?.committed} onClose={onClose}>
      {(close) => (<>
        <h2 id="stats-import-title">{T.title}</h2>
        <ol className="stats-steps" aria-label="步骤">
          {T.steps.map((s, i) => <li key={s} className={i === step ? 'current' : i < step ? 'past' : undefined} aria-current={i === step ? 'step' : undefined}>{s}</li>)}
        </ol>
        {!r?.committed && (
          <>
            <p className="muted">{T.intro}</p>
            <div className="stats-pick">
              <label>{T.platform}
                <select value={platform} disabled={busy} onChange={(e) => again({ platform: e.currentTarget.value as StatPlatform | '', mapping: {}, choices: {} })}>
                  <option value="">{T.auto}</option>
                  {STAT_PLATFORMS.map((p) => <option key={p} value={p}>{PLATFORM_LABELS[p]}</option>)}
                </select>
              </label>
              <input ref={inputRef} type="file" accept=".xlsx,.csv,.txt" aria-label={T.pick} className="visually-hidden" onChange={(e) => void pick(e.currentTarget.files)} />
              <button type="button" disabled={busy} onClick={() => inputRef.current?.click()}>{file ? T.repick : T.pick}</button>
            </div>
          </>
        )}
        <JobProgress status={job} phases={T.phases} label={T.title} />
        {error && <div className="form-error" role="alert">{error.message}</div>}
        {r && !busy && r.committed && <p className="import-done ok-text" role="status">{T.done(r)}</p>}
        {r && !busy && !r.committed && (
          <div className="import-report">
            <p>{T.file(r)}</p>
            <details className="import-section" open={!r.remembered || r.missing.length > 0}>
              <summary>{T.mappingSummary(r, r.remembered)}</summary>
              <p className="muted small">{T.mappingHint}</p>
              <div className="mapping-grid" role="group" aria-label={T.mapping}>
                {Object.entries(r.mapping).map(([header, field]) => (
                  <label key={header} className={field ? 'mapped' : 'ignored'}>
                    <span className="mapping-header" title={header}>{header}</span>
                    <span aria-hidden>→</span>
                    <select aria-label={T.mapTo(header)} value={field} onChange={(e) => again({ mapping: { ...r.mapping, [header]: e.currentTarget.value as StatField | '' } })}>
                      <option value="">{T.ignore}</option>
                      {(['title', 'date', ...r.counts] as StatField[]).map((f) => <option key={f} value={f}>{label(f)}</option>)}
                    </select>
                  </label>
                ))}
              </div>
            </details>
            {r.missing.length > 0 && <div className="form-error" role="alert">{T.missing(r.missing.map(label))}</div>}
            {r.problems.map((p) => <div key={p} className="form-error" role="alert">{p}</div>)}
            {r.errors.length > 0 && (
              <div className="import-errors" role="alert">
                <p className="danger-text">{T.errors(r.errors.length)}</p>
                <ul>{r.errors.map((e, i) => <li key={i}>{T.row(e.row)} {e.letter} 列「{e.column}」：{e.message}</li>)}</ul>
              </div>
            )}
            {r.warnings.map((w) => <p key={w} className="warn-text">{w}</p>)}
            {!r.missing.length && !r.errors.length && (<>
              <h3>{T.matched(r.matched.length)}</h3>
              {r.matched.length > 0 && (
                <table className="table compact" aria-label="已匹配">
                  <thead><tr>{T.matchedCols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
                  <tbody>
                    {r.matched.map((m) => (
                      <tr key={m.row}>
                        <td className="nowrap">{T.row(m.row)}</td>
                        <td>{m.title}<div className="muted small">{m.date}</div></td>
                        <td>{m.piece.title}<div className="muted small">{m.piece.date}{m.dayOff && <span className="tag">{T.dayOff}</span>}</div></td>
                        <td>{changes(m.changes)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {r.ambiguous.length > 0 && (<>
                <h3>{T.ambiguous(r.ambiguous.length)}</h3>
                <p className="muted small">{T.ambiguousHint}</p>
                <table className="table compact" aria-label="需选择">
                  <thead><tr>{T.ambiguousCols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
                  <tbody>
                    {r.ambiguous.map((a) => (
                      <tr key={a.row}>
                        <td className="nowrap">{T.row(a.row)}</td>
                        <td>{a.title}</td>
                        <td className="nowrap">{a.date}</td>
                        <td>
                          <select aria-label={T.choose(a.row)} value={a.chosen ?? 0} onChange={(e) => again({ choices: { ...choices, [a.row]: Number(e.currentTarget.value) } })}>
                            <option value={0}>{T.skip}</option>
                            {a.candidates.map((c) => <option key={c.id} value={c.id}>{T.candidate(c)}</option>)}
                          </select>
                        </td>
                        <td>{a.chosen ? changes(a.changes) : null}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>)}
              {r.unmatched.length > 0 && (<>
                <h3>{T.unmatched(r.unmatched.length)}</h3>
                <p className="muted small">{T.unmatchedHint}</p>
                <table className="table compact" aria-label="未匹配">
                  <thead><tr>{T.unmatchedCols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
                  <tbody>{r.unmatched.map((u) => <tr key={u.row}><td className="nowrap">{T.row(u.row)}</td><td>{u.title}</td><td className="nowrap">{u.date}</td></tr>)}</tbody>
                </table>
              </>)}
              {r.duplicates.length > 0 && (<>
                <h3>{T.duplicates(r.duplicates.length)}</h3>
                <table className="table compact" aria-label="重复的行">
                  <thead><tr>{T.dupCols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
                  <tbody>{r.duplicates.map((d) => <tr key={d.row}><td className="nowrap">{T.row(d.row)}</td><td>{d.title}</td><td>{T.dupText(d.sameAsRow, d.differs)}</td></tr>)}</tbody>
                </table>
              </>)}
            </>)}
          </div>
        )}
        <div className="actions">
          {r && !r.committed && (
            <button type="button" className="primary" disabled={blocked || busy || r.toWrite === 0} onClick={() => file && void run(file, { platform, mapping: r.mapping, choices }, true)}>
              {T.write(r.toWrite)}
            </button>
          )}
          <button type="button" disabled={busy} onClick={close}>{r?.committed ? T.close : T.cancel}</button>
        </div>
      </>)}
    </Dialog>
  )
}
