import { useEffect, useRef, useState } from 'react'
import { invoke } from '../api'
import { useQuery } from '../hooks'
import { runJob } from '../jobs'
import { downloadPayload } from '../files'
import { PieceForm } from '../components/PieceForm'
import { PieceDetail } from '../components/PieceDetail'
import { JobProgress } from '../components/JobProgress'
import { LedgerTable, type LedgerFilter, type SortKey } from '../components/ledger/LedgerTable'
import { ImportDialog } from '../components/ledger/ImportDialog'
import { StatsImportDialog } from '../components/ledger/StatsImportDialog'
import { Drawer } from '../components/Overlay'
import { useShortcut } from '../keymap'
import { ConfirmSave, confirmWarnings } from '../components/workflow/ConfirmSave'
import { RecycleBin } from '../components/ledger/RecycleBin'
import { offerUndo } from '../components/Toast'
import { CHANNELS, CHANNEL_CODES, STATUSES, STATUS_CODES, statusLabel, type Channel, type Status } from '../../../shared/channels'
import type { Profile } from '../../../shared/contract/app'
import type { DeskError } from '../../../shared/contract'
import type { JobStatus } from '../../../shared/contract/jobs'
import type { ExportResult } from '../../../shared/contract/ledger'
import { DateInput } from '../components/DateInput'
import './ledger.css'

const T = {
  title: '台账',
  add: '新建记录',
  detail: '稿件详情',
  import: '导入 Excel',
  importStats: '导入公众号数据',
  exportXlsx: '导出 Excel',
  exportCsv: '导出 CSV',
  exported: (n: number, name: string) => `已导出 ${n} 条：${name}`,
  all: '全部',
  channel: '渠道',
  status: '状态',
  theme: '主题',
  department: '科室',
  from: '开始日期',
  to: '结束日期',
  dateSep: '至',
  clear: '清除筛选',
  search: '搜索标题、正文、备注',
  searchLabel: '搜索',
  total: (n: number) => `共 ${n} 条`,
  selected: (n: number) => `已选 ${n} 条`,
  bulk: '批量操作',
  bulkTo: '批量改为',
  bulkApply: '修改状态',
  bulkClear: '取消选择',
  bulkDone: (changed: number, s: string, unchanged: number) => `已将 ${changed} 条改为“${s}”${unchanged ? `（${unchanged} 条原本就是该状态）` : ''}`,
  trash: '回收站',
  bulkConfirm: (n: number, s: string) => `确定把选中的 ${n} 条记录的状态改为“${s}”吗？`,
  bulkYes: '确定修改',
  bulkNo: '再想想',
  dismiss: '关闭提示',
  exportPhases: { queued: '准备导出…', collecting: '正在读取台账…', writing: '正在生成文件…' } as Record<string, string>
}

/** The value after the officer stops typing for a moment: searching on every keystroke is wasted work. */
function useDebounced<V>(value: V, ms: number): V {
  const [v, setV] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return v
}

export function Ledger({ profile, today, route, go }: { profile: Profile; today: string; route: string[]; go: (p: string) => void }) {
  const [channel, setChannel] = useState<Channel | ''>('')
  const [status, setStatus] = useState<Status | ''>('')
  const [theme, setTheme] = useState('')
  const [department, setDepartment] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [qInput, setQInput] = useState('')
  const q = useDebounced(qInput.trim(), 300)
  const [sort, setSort] = useState<SortKey>('date')
  const [desc, setDesc] = useState(true)
  const [total, setTotal] = useState<number | null>(null)
  const [selected, setSelected] = useState<Set<number>>(new Set())
  const [bulkStatus, setBulkStatus] = useState<Status>('published')
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null)
  const [importing, setImporting] = useState(false)
  const [importingStats, setImportingStats] = useState(false)
  const [exportJob, setExportJob] = useState<JobStatus | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [signedWarnings, setSignedWarnings] = useState<string[] | null>(null)
  const facets = useQuery('ledger-facets', {})
  const searchBox = useRef<HTMLInputElement>(null)
  useShortcut('search', () => searchBox.current?.focus())

  const filter: LedgerFilter = {
    channel: channel || undefined,
    status: status || undefined,
    theme: theme || undefined,
    department: department || undefined,
    from: from || undefined,
    to: to || undefined,
    q: q || undefined
  }
  const filterKey = JSON.stringify(filter)
  useEffect(() => {
    setSelected(new Set())
    setConfirming(false)
    setSignedWarnings(null)
  }, [filterKey])

  const creating = route[0] === 'new'
  const opened = route[0] && /^\d+$/.test(route[0]) ? Number(route[0]) : null
  const [focus, setFocus] = useState<{ id: number; n: number } | null>(null)
  const focusOn = (id: number): void => setFocus((f) => ({ id, n: (f?.n ?? 0) + 1 }))
  useEffect(() => {
    if (opened !== null) focusOn(opened)
  }, [opened])
  function onSort(key: SortKey): void {
    if (key === sort) setDesc(!desc)
    else {
      setSort(key)
      setDesc(key === 'date')
    }
  }

  function onSelect(ids: number[], on: boolean): void {
    setSelected((prev) => {
      const next = new Set(prev)
      for (const id of ids) on ? next.add(id) : next.delete(id)
      return next
    })
  }

  async function applyBulk(confirm = false): Promise<void> {
    setConfirming(false)
    setSignedWarnings(null)
    const r = await invoke('piece-bulk-status', { ids: [...selected], status: bulkStatus, confirm })
    // Pieces dated in a month the secretary signed: the handler asks once more before changing them.
    const warnings = r.ok ? null : confirmWarnings(r.error)
    if (warnings) return setSignedWarnings(warnings)
    if (!r.ok) return setNotice({ ok: false, text: r.error.message })
    setNotice(null)
    const undo = r.value.undo
    offerUndo(T.bulkDone(r.value.changed, statusLabel(bulkStatus), r.value.unchanged), undo && (() => invoke('piece-undo', undo)))
    setSelected(new Set())
  }

  async function exportAs(format: 'xlsx' | 'csv'): Promise<void> {
    setNotice(null)
    const s = await runJob<ExportResult>('ledger-export-start', { format, filter: { ...filter, sort, desc } }, setExportJob)
    setExportJob(s)
    if (s.error) return setNotice({ ok: false, text: (s.error as DeskError).message })
    downloadPayload(s.result!)
    setNotice({ ok: true, text: T.exported(s.result!.rows, s.result!.fileName) })
  }

  const exporting = exportJob !== null && !exportJob.finished
  const anyFilter = Object.values(filter).some(Boolean)
  if (route[0] === 'trash') return <RecycleBin onBack={() => go('ledger')} />
  return (
    <section className="page ledger-page">
      <header className="page-head">
        <h1>{T.title}</h1>
        <div className="head-actions">
          <button onClick={() => setImporting(true)}>{T.import}</button>
          <button onClick={() => setImportingStats(true)}>{T.importStats}</button>
          <button disabled={exporting} onClick={() => void exportAs('xlsx')}>{T.exportXlsx}</button>
          <button disabled={exporting} onClick={() => void exportAs('csv')}>{T.exportCsv}</button>
          <button onClick={() => go('ledger/trash')}>{T.trash}</button>
          <button className="primary" onClick={() => go('ledger/new')}>{T.add}</button>
        </div>
      </header>
      <JobProgress status={exportJob} phases={T.exportPhases} label={T.exportXlsx} />
      <div className="filters ledger-filters">
        <input ref={searchBox} type="search" aria-label={T.searchLabel} placeholder={T.search} value={qInput} onChange={(e) => setQInput(e.target.value)} />
        <select aria-label={T.channel} value={channel} onChange={(e) => setChannel(e.target.value as Channel | '')}>
          <option value="">{T.channel}：{T.all}</option>
          {CHANNEL_CODES.map((c) => <option key={c} value={c}>{CHANNELS[c]}</option>)}
        </select>
        <select aria-label={T.status} value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
          <option value="">{T.status}：{T.all}</option>
          {STATUS_CODES.map((s) => <option key={s} value={s}>{STATUSES[s]}</option>)}
        </select>
        <select aria-label={T.theme} value={theme} onChange={(e) => setTheme(e.target.value)}>
          <option value="">{T.theme}：{T.all}</option>
          {(facets.data?.themes ?? []).map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
        <select aria-label={T.department} value={department} onChange={(e) => setDepartment(e.target.value)}>
          <option value="">{T.department}：{T.all}</option>
          {(facets.data?.departments ?? []).map((d) => <option key={d} value={d}>{d}</option>)}
        </select>
        <span className="date-range">
          <DateInput label={T.from} value={from} max={to || undefined} onChange={setFrom} />
          <span className="muted">{T.dateSep}</span>
          <DateInput label={T.to} value={to} min={from || undefined} onChange={setTo} />
        </span>
        {(anyFilter || qInput) && (
          <button className="link" onClick={() => { setChannel(''); setStatus(''); setTheme(''); setDepartment(''); setFrom(''); setTo(''); setQInput('') }}>{T.clear}</button>
        )}
        <span className="muted ledger-count" data-testid="ledger-count">{total !== null ? T.total(total) : ''}</span>
      </div>
      {selected.size > 0 && (
        <div className="bulk-bar" role="region" aria-label={T.bulk}>
          <strong>{T.selected(selected.size)}</strong>
          <label>
            {T.bulkTo}
            <select aria-label={T.bulkTo} value={bulkStatus} onChange={(e) => {
              setBulkStatus(e.target.value as Status)
              setConfirming(false)
              setSignedWarnings(null)
            }}>
              {STATUS_CODES.map((s) => <option key={s} value={s}>{STATUSES[s]}</option>)}
            </select>
          </label>
          {signedWarnings ? (
            <ConfirmSave warnings={signedWarnings} yes={T.bulkYes} onYes={() => void applyBulk(true)} onNo={() => setSignedWarnings(null)} />
          ) : confirming ? (
            <>
              <span className="warn-text">{T.bulkConfirm(selected.size, statusLabel(bulkStatus))}</span>
              <button className="primary" onClick={() => void applyBulk()}>{T.bulkYes}</button>
              <button onClick={() => setConfirming(false)}>{T.bulkNo}</button>
            </>
          ) : (
            <>
              <button className="primary" onClick={() => setConfirming(true)}>{T.bulkApply}</button>
              <button className="link" onClick={() => setSelected(new Set())}>{T.bulkClear}</button>
            </>
          )}
        </div>
      )}
      {notice && (
        <div className={notice.ok ? 'ledger-notice ok' : 'ledger-notice form-error'} role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
          <button className="link" aria-label={T.dismiss} onClick={() => setNotice(null)}>×</button>
        </div>
      )}
      <LedgerTable
        filter={filter}
        sort={sort}
        desc={desc}
        selected={selected}
        openId={opened}
        focus={focus}
        onSort={onSort}
        onSelect={onSelect}
        onOpen={(id) => go(`ledger/${id}`)}
        onTotal={setTotal}
      />
      {(creating || opened !== null) && (
        // Esc, a click beside it or 关闭 close it (asking first if a form inside holds unsaved input).
        <Drawer className="ledger-drawer" label={creating ? T.add : T.detail} focusPanel={!creating} onClose={() => go('ledger')}>
          {(close) => creating ? (
              <PieceForm
                profile={profile}
                today={today}
                onSaved={(p) => {
                  focusOn(p.id)
                  go('ledger')
                }}
                onCancel={close}
              />
            ) : (
              <PieceDetail key={opened} id={opened!} profile={profile} today={today} onClose={close} />
            )}
        </Drawer>
      )}
      {importingStats && <StatsImportDialog onClose={() => setImportingStats(false)} />}
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onImported={() => setNotice(null)}
        />
      )}
    </section>
  )
}
