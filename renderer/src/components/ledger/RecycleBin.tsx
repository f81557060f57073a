// 台账 › 回收站: the records deleted from the ledger, newest first, with who deleted them, when and why. 恢复 (an
// officer) puts one back exactly as it was; 彻底删除 (the administrator) removes it and its evidence files for good,
// after asking. Both are in the 操作日志.
import { useState } from 'react'
import { invoke } from '../../api'
import { useQuery } from '../../hooks'
import { useCan } from '../../session'
import { ConfirmDialog } from '../ConfirmDialog'
import { ConfirmSave, confirmWarnings } from '../workflow/ConfirmSave'
import { offerUndo, showToast } from '../Toast'
import { channelLabel, statusLabel } from '../../../../shared/channels'
import { chinaClock } from '../../../../shared/dates'
import type { TrashedPiece } from '../../../../shared/contract/pieces'
import './recycle-bin.css'

const T = {
  title: '回收站',
  back: '‹ 返回台账',
  lead: '删除的台账记录在这里保留，不计入台账、日程、统计和报告。恢复后记录连同佐证材料、审核记录原样回到台账；彻底删除只能由管理员操作，无法撤销。',
  empty: '回收站是空的。',
  total: (n: number) => `共 ${n} 条`,
  date: '日期',
  channel: '渠道',
  name: '标题',
  status: '状态',
  carries: '佐证 / 审核',
  carried: (e: number, r: number) => `${e} 个文件 / ${r} 条`,
  deleted: '删除',
  by: (who: string, at: string) => `${who} · ${at}`,
  reason: '原因',
  restore: '恢复',
  purge: '彻底删除',
  restored: (t: string) => `已恢复《${t}》，已回到台账`,
  purgeTitle: '彻底删除这条记录？',
  purgeLead: '彻底删除后无法恢复，也不能撤销。操作日志中仍保留这条记录曾经存在和被删除的记录。',
  purgeFiles: (n: number) => (n ? `它的 ${n} 个佐证材料文件也将从本机删除（其他记录仍在使用的文件除外）。` : '它没有佐证材料。'),
  purged: (t: string) => `已彻底删除《${t}》`,
  restoreYes: '确定恢复',
  more: '加载更多'
}

const PAGE = 100

export function RecycleBin({ onBack }: { onBack: () => void }) {
  const [limit, setLimit] = useState(PAGE)
  const bin = useQuery('piece-trash-list', { offset: 0, limit })
  const can = useCan()
  const [purging, setPurging] = useState<TrashedPiece | null>(null)
  const [asking, setAsking] = useState<{ row: TrashedPiece; warnings: string[] } | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function restore(row: TrashedPiece, confirm = false): Promise<void> {
    setAsking(null)
    const r = await invoke('piece-restore', { id: row.id, confirm })
    const warnings = r.ok ? null : confirmWarnings(r.error)
    if (warnings) return setAsking({ row, warnings })
    if (!r.ok) return showToast(r.error.message, { tone: 'error' })
    // 撤销 of a restore is deleting it again, with the reason it had.
    offerUndo(T.restored(row.title), () => invoke('piece-delete', { id: row.id, reason: row.reason, confirm: true }))
  }

  async function purge(): Promise<void> {
    if (!purging) return
    setBusy(true)
    const r = await invoke('piece-purge', { id: purging.id })
    setBusy(false)
    if (!r.ok) return setError(r.error.message)
    showToast(T.purged(purging.title))
    setPurging(null)
  }

  const rows = bin.data?.rows ?? []
  return (
    <section className="page recycle-page" aria-label={T.title}>
      <header className="page-head">
        <h1>{T.title}</h1>
        <div className="head-actions">
          <button onClick={onBack}>{T.back}</button>
        </div>
      </header>
      <p className="muted">{T.lead}</p>
      {bin.error && <div className="form-error">{bin.error.message}</div>}
      {asking && (
        <ConfirmSave warnings={asking.warnings} yes={T.restoreYes} onYes={() => void restore(asking.row, true)} onNo={() => setAsking(null)} />
      )}
      {bin.data && rows.length === 0 && <p className="recycle-empty">{T.empty}</p>}
      {rows.length > 0 && (
        <>
          <div className="muted small" data-testid="recycle-count">{T.total(bin.data!.total)}</div>
          <table className="table recycle-table">
            <thead>
              <tr>
                <th>{T.date}</th>
                <th>{T.channel}</th>
                <th>{T.name}</th>
                <th>{T.status}</th>
                <th>{T.carries}</th>
                <th>{T.deleted}</th>
                <th>{T.reason}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="recycle-row">
                  <td className="nowrap">{r.date}</td>
                  <td className="nowrap">{channelLabel(r.channel)}</td>
                  <td className="recycle-title">{r.title}</td>
                  <td className="nowrap">{statusLabel(r.status)}</td>
                  <td className="nowrap">{T.carried(r.evidence, r.reviews)}</td>
                  <td>{T.by(r.deletedBy, chinaClock(r.deletedAt, 'yyyy-MM-dd HH:mm'))}</td>
                  <td className="recycle-reason">{r.reason}</td>
                  <td className="nowrap">
                    <div className="recycle-actions">
                      {can('piece-restore') && <button aria-label={`${T.restore}《${r.title}》`} onClick={() => void restore(r)}>{T.restore}</button>}
                      {can('piece-purge') && (
                        <button className="danger-button" aria-label={`${T.purge}《${r.title}》`} onClick={() => (setError(null), setPurging(r))}>
                          {T.purge}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {bin.data!.total > rows.length && <button className="link" onClick={() => setLimit(limit + PAGE)}>{T.more}</button>}
        </>
      )}
      {purging && (
        <ConfirmDialog title={T.purgeTitle} yes={T.purge} busy={busy} error={error} onYes={() => void purge()} onNo={() => setPurging(null)}>
          <p>
            《{purging.title}》（{channelLabel(purging.channel)}，{purging.date}）
          </p>
          <p>{T.purgeFiles(purging.evidence)}</p>
          <p className="muted">{T.purgeLead}</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
