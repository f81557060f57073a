// The rows behind one number, with their evidence; the list can be saved as Excel or CSV.
import { useState } from 'react'
import { useQuery } from '../../hooks'
import { runJob } from '../../jobs'
import { downloadPayload } from '../../files'
import { JobProgress } from '../JobProgress'
import { Dialog } from '../Overlay'
import { channelLabel, statusLabel } from '../../../../shared/channels'
import { mentionStatusLabel } from '../../../../shared/watch'
import { chinaDateTime } from '../../../../shared/periods'
import type { DeskError } from '../../../../shared/contract'
import type { JobStatus } from '../../../../shared/contract/jobs'
import type { FilePayload } from '../../../../shared/contract/ledger'

const T = {
  title: (label: string, period: string) => `${period} · ${label}`,
  count: (offset: number, shown: number, total: number) => (shown < total ? `共 ${total} 条，当前第 ${offset + 1}–${offset + shown} 条` : `共 ${total} 条`),
  detail: '明细',
  close: '关闭',
  xlsx: '导出 Excel',
  csv: '导出 CSV',
  prev: '上一页',
  next: '下一页',
  empty: '这一项没有记录。',
  loading: '正在读取明细…',
  exporting: { queued: '正在准备…', collecting: '正在读取明细…', writing: '正在写入文件…' },
  pieceCols: ['日期', '渠道', '标题', '状态', '科室', '媒体/平台', '数量', '覆盖人次', '阅读量', '佐证材料'],
  mentionCols: ['日期', '标题', '情感', '等级', '状态', '办结时间'],
  accountCols: ['平台', '名称', '科室', '责任人', '状态'],
  noEvidence: '无',
  files: (n: number) => `${n} 个文件`
}
const PAGE = 200

export function DrillDown({ period, fkey, onClose }: { period: string; fkey: string; onClose: () => void }) {
  const [offset, setOffset] = useState(0)
  const { data, error } = useQuery('tally-rows', { period, key: fkey, offset, limit: PAGE })
  const [job, setJob] = useState<JobStatus | null>(null)
  const [jobError, setJobError] = useState<DeskError | null>(null)

  async function save(format: 'xlsx' | 'csv'): Promise<void> {
    setJobError(null)
    const s = await runJob<FilePayload>('tally-rows-export-start', { period, key: fkey, format }, setJob)
    setJob(null)
    if (s.error) return setJobError(s.error)
    downloadPayload(s.result!)
  }

  const label = data ? T.title(data.figure.label, data.period.label) : ''
  return (
    <Dialog className="tally-dialog" backdropClassName="tally-backdrop" label={label || T.detail} focusPanel onClose={onClose}>
        <header className="dialog-head">
          <h2>{label}{data ? <span className="muted small">{T.count(offset, data.pieces.length + data.mentions.length + data.accounts.length, data.total)}</span> : null}</h2>
          <div className="dialog-actions">
            <button type="button" onClick={() => save('xlsx')} disabled={!data?.total || job !== null}>{T.xlsx}</button>
            <button type="button" onClick={() => save('csv')} disabled={!data?.total || job !== null}>{T.csv}</button>
            <button type="button" onClick={onClose}>{T.close}</button>
          </div>
        </header>
        <JobProgress status={job} phases={T.exporting} label={T.xlsx} />
        {jobError && <div className="form-error">{jobError.message}</div>}
        {error && <div className="form-error">{error.message}</div>}
        {!data && !error && <p className="muted">{T.loading}</p>}
        {data && data.total === 0 && <p className="empty">{T.empty}</p>}
        {data && data.pieces.length > 0 && (
          <table className="table drill-table" aria-label={T.detail}>
            <thead><tr>{T.pieceCols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
            <tbody>
              {data.pieces.map((p) => (
                <tr key={p.id}>
                  <td className="nowrap">{p.date}</td>
                  <td className="nowrap">{channelLabel(p.channel)}</td>
                  <td className="title-cell"><a href={`#/ledger/${p.id}`}>{p.title}</a></td>
                  <td className="nowrap">{statusLabel(p.status)}</td>
                  <td>{p.department}</td>
                  <td>{[p.venue, p.outletLevel, p.kind].filter(Boolean).join(' · ')}</td>
                  <td className="n">{p.quantity ?? ''}</td>
                  <td className="n">{p.reach ?? ''}</td>
                  <td className="n">{p.reads ?? ''}</td>
                  <td className="evidence-cell" title={p.evidence.join('\n')}>
                    {p.evidence.length ? <><strong>{T.files(p.evidence.length)}</strong><span className="small">{p.evidence.join('、')}</span></> : <span className="muted">{T.noEvidence}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {data && data.mentions.length > 0 && (
          <table className="table drill-table" aria-label={T.detail}>
            <thead><tr>{T.mentionCols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
            <tbody>
              {data.mentions.map((m) => (
                <tr key={m.id}>
                  <td className="nowrap">{m.day}</td>
                  <td className="title-cell">{/^https?:\/\//i.test(m.link) ? <a href={m.link} target="_blank" rel="noreferrer noopener">{m.title}</a> : m.title}</td>
                  <td>{m.sentiment}</td>
                  <td>{m.grade}</td>
                  <td>{mentionStatusLabel(m.status)}</td>
                  <td className="nowrap">{chinaDateTime(m.closedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {data && data.accounts.length > 0 && (
          <table className="table drill-table" aria-label={T.detail}>
            <thead><tr>{T.accountCols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
            <tbody>
              {data.accounts.map((a) => (
                <tr key={a.id}><td>{a.platform}</td><td>{a.name}</td><td>{a.department}</td><td>{a.owner}</td><td>{a.status}</td></tr>
              ))}
            </tbody>
          </table>
        )}
        {data && data.total > PAGE && (
          <div className="actions">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{T.prev}</button>
            <button type="button" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>{T.next}</button>
          </div>
        )}
    </Dialog>
  )
}
