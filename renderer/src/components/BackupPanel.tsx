// 设置 → 备份与恢复: the backups the desk keeps, back up now, restore one, where backups go and how many to keep.
// A browser cannot browse the disk (and the Electron preload offers no folder dialog), so the folder is typed or
// pasted, and 检查 asks the desk whether it can write there.
import { useEffect, useState } from 'react'
import './backup-panel.css'
import { invoke, fieldErrors } from '../api'
import { useQuery } from '../hooks'
import { runJob } from '../jobs'
import { useCan } from '../session'
import { Field } from './Field'
import { JobProgress } from './JobProgress'
import type { DeskError } from '../../../shared/contract'
import type { JobStatus } from '../../../shared/contract/jobs'
import type { BackupInfo, BackupOverview, BackupPolicy, FolderCheck, RestoreResult } from '../../../shared/contract/backup'

const T = {
  title: '备份与恢复',
  intro: (p: BackupPolicy) =>
    `工作台每天自动备份一次数据库和佐证材料（启动时及每隔 3 小时检查，当天已有备份就不再重复），保留最近 ${p.daily} 天每天一份、${p.weekly} 周每周一份、${p.monthly} 个月每月一份。备份保存在：`,
  inData: '（数据文件夹，与数据库在同一块磁盘上）',
  dbFile: '当前数据库：',
  found: (c: FolderCheck) => `文件夹已找到${c.freeBytes !== null ? `，剩余 ${size(c.freeBytes)}` : ''}${c.otherDevice === true ? '，与数据库不在同一块磁盘' : ''}。`,
  sameDisk: '注意：这个文件夹与数据库在同一块磁盘上，磁盘损坏时备份会一同丢失。',
  backupNow: '立即备份',
  backingUp: '正在备份…',
  backedUp: (b: BackupInfo) => `已备份到 ${b.folder}（${b.madeAt}，${size(b.size)}）`,
  list: '已有备份',
  none: '还没有备份。点“立即备份”做第一份。',
  cols: ['备份时间', '方式', '大小', '佐证材料', ''],
  whereCol: '位置',
  where: { target: '备份文件夹', data: '数据文件夹' },
  auto: '自动',
  manual: '手动',
  withEvidence: '已包含',
  noEvidence: '—',
  restore: '恢复…',
  confirmTitle: (b: BackupInfo) => `用 ${b.madeAt} 的备份替换当前数据？`,
  confirmBody:
    '恢复前会先检查这份备份是否完好、版本是否兼容，检查不通过不会改动任何数据。恢复后，当前数据库会改名保留在原文件夹（文件名含 replaced 和时间），之后录入的内容不在恢复后的数据中。',
  confirm: '确认恢复',
  cancel: '取消',
  restored: (r: RestoreResult) =>
    `已从 ${r.restored} 恢复。${r.fromVersion !== r.toVersion ? `备份的数据版本已从 ${r.fromVersion} 升级到 ${r.toVersion}。` : ''}${r.evidenceFiles ? `补回佐证材料 ${r.evidenceFiles} 个文件。` : ''}`,
  keptAs: '原数据库已保留为：',
  reload: '重新载入工作台',
  policy: '保留规则',
  autoOn: '每天自动备份',
  daily: '每日备份保留份数',
  dailyHint: '最近几天每天保留最新的一份',
  weekly: '每周备份保留份数',
  weeklyHint: '另外最近几周每周保留一份',
  monthly: '每月备份保留份数',
  monthlyHint: '另外最近几个月每月保留一份；下次备份时按新规则清理',
  save: '保存保留规则',
  saved: '已保存',
  place: '备份位置',
  folder: '备份文件夹',
  folderHint:
    '填写 U 盘、移动硬盘或网络共享上的文件夹的完整路径（可从资源管理器地址栏复制粘贴）；留空则保存在数据文件夹中。文件夹须已存在。每台电脑请用各自的文件夹。',
  folderPlaceholder: '例如 E:\\宣传科备份 或 \\\\档案室\\共享\\宣传科备份',
  check: '检查',
  checking: '正在检查…',
  checkedOk: (c: FolderCheck) =>
    `可以写入 ${c.path}${c.freeBytes !== null ? `，剩余 ${size(c.freeBytes)}` : ''}${c.backups ? `，其中已有 ${c.backups} 份备份` : ''}。`,
  saveFolder: '保存备份位置',
  useData: '改回数据文件夹',
  folderSaved: (f: string | null) => (f ? `已保存：以后的备份存入 ${f}` : '已保存：以后的备份存入数据文件夹'),
  phases: {
    queued: '准备中…',
    database: '正在复制数据库',
    checking: '正在检查备份是否完好',
    evidence: '正在处理佐证材料',
    finishing: '正在收尾',
    done: '完成'
  } as Record<string, string>
}

function size(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`
}

export function BackupPanel() {
  const overview = useQuery('backup-list', {})
  const can = useCan()
  const [job, setJob] = useState<JobStatus | null>(null)
  const [error, setError] = useState<DeskError | null>(null)
  const [made, setMade] = useState<BackupInfo | null>(null)
  const [asking, setAsking] = useState<BackupInfo | null>(null)
  const [restored, setRestored] = useState<RestoreResult | null>(null)
  const busy = job !== null && !job.finished

  async function backupNow() {
    setError(null)
    setMade(null)
    const s = await runJob<BackupInfo>('backup-create', {}, setJob)
    if (s.error) setError(s.error)
    else setMade(s.result ?? null)
  }

  async function restore(b: BackupInfo) {
    setAsking(null)
    setError(null)
    const s = await runJob<RestoreResult>('backup-restore', { backup: b.name, where: b.where }, setJob)
    if (s.error) setError(s.error)
    else setRestored(s.result ?? null)
  }

  const o = overview.data
  return (
    <section className="card backup-panel" aria-labelledby="backup-title">
      <h2 id="backup-title">{T.title}</h2>
      {o && (
        <p className="muted small">
          {T.intro(o.policy)}
          <code className="path">{o.folder}</code>
          {!o.target && T.inData}
          <br />
          {T.dbFile}
          <code className="path">{o.dbFile}</code>
        </p>
      )}
      {o?.target && <TargetState target={o.target} />}
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={backupNow}>
          {busy && job?.kind === 'backup' ? T.backingUp : T.backupNow}
        </button>
        {made && <span className="ok-text">{T.backedUp(made)}</span>}
      </div>
      <JobProgress status={job} phases={T.phases} label={T.title} />
      {error && (
        <div className="form-error" role="alert">
          {error.message}
        </div>
      )}
      {restored && (
        <div className="backup-restored" role="status">
          <div>{T.restored(restored)}</div>
          {restored.replacedFile && (
            <div className="small">
              {T.keptAs}
              <code className="path">{restored.replacedFile}</code>
            </div>
          )}
          <button type="button" className="primary" onClick={() => window.location.reload()}>
            {T.reload}
          </button>
        </div>
      )}

      <h3>{T.list}</h3>
      {o && o.backups.length === 0 && <div className="empty">{T.none}</div>}
      {o && o.backups.length > 0 && (
        <table className="table backup-table">
          <thead>
            <tr>
              <th>{T.cols[0]}</th>
              {o.target && <th>{T.whereCol}</th>}
              {T.cols.slice(1).map((c, i) => <th key={i}>{c}</th>)}
            </tr>
          </thead>
          <tbody>
            {o.backups.map((b) => (
              <tr key={`${b.where}/${b.name}`}>
                <td className="nowrap">{b.madeAt}</td>
                {o.target && (
                  <td className="nowrap" title={b.folder}>
                    {T.where[b.where]}
                  </td>
                )}
                <td>{b.kind === 'manual' ? T.manual : T.auto}</td>
                <td className="nowrap">{size(b.size)}</td>
                <td>{b.evidence ? T.withEvidence : T.noEvidence}</td>
                <td className="nowrap">
                  <button type="button" className="link" disabled={busy} onClick={() => setAsking(b)}>
                    {T.restore}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {asking && (
        <div className="backup-confirm" role="alertdialog" aria-labelledby="backup-confirm-title">
          <strong id="backup-confirm-title">{T.confirmTitle(asking)}</strong>
          <p>{T.confirmBody}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => restore(asking)}>
              {T.confirm}
            </button>
            <button type="button" onClick={() => setAsking(null)}>
              {T.cancel}
            </button>
          </div>
        </div>
      )}
      {o && can('backup-folder-save') && <FolderForm overview={o} />}
      {o && can('backup-policy-save') && <PolicyForm policy={o.policy} />}
    </section>
  )
}

/** The chosen folder as the desk finds it now (looked at, not written to: 检查 writes a probe file). */
function TargetState({ target }: { target: FolderCheck }) {
  if (!target.ok) {
    return (
      <div className="backup-target bad" role="alert">
        {target.problem}
      </div>
    )
  }
  return (
    <div className={`backup-target${target.otherDevice === false ? ' warn' : ''}`}>
      {T.found(target)}
      {target.otherDevice === false && <div>{T.sameDisk}</div>}
    </div>
  )
}

function FolderForm({ overview }: { overview: BackupOverview }) {
  const current = overview.policy.folder
  const [folder, setFolder] = useState(current ?? '')
  const [checked, setChecked] = useState<FolderCheck | null>(null)
  const [checking, setChecking] = useState(false)
  const [error, setError] = useState<DeskError | null>(null)
  const [saved, setSaved] = useState<string | null | undefined>(undefined)
  // the folder's refusals name the field without zod issues: shown beside it all the same
  const folderError = fieldErrors(error).folder ?? (error?.details?.field === 'folder' ? error.message : undefined)

  function edit(value: string) {
    setFolder(value)
    setChecked(null)
    setSaved(undefined)
    setError(null)
  }

  async function check() {
    setError(null)
    setChecked(null)
    setChecking(true)
    const r = await invoke('backup-folder-check', { folder })
    setChecking(false)
    if (r.ok) setChecked(r.value)
    else setError(r.error)
  }

  async function save(value: string | null) {
    setError(null)
    setChecked(null)
    setSaved(undefined)
    const r = await invoke('backup-folder-save', { folder: value })
    if (!r.ok) return setError(r.error)
    setFolder(r.value.folder ?? '')
    setSaved(r.value.folder)
  }

  return (
    <form
      className="backup-folder"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void save(folder.trim() === '' ? null : folder)
      }}
    >
      <h3>{T.place}</h3>
      <Field label={T.folder} name="folder" error={folderError} hint={T.folderHint} wide>
        <input type="text" value={folder} placeholder={T.folderPlaceholder} spellCheck={false} onChange={(e) => edit(e.target.value)} />
      </Field>
      {checked && (
        <div className={`backup-check${!checked.ok ? ' bad' : checked.otherDevice === false ? ' ok warn' : ' ok'}`} role="status">
          {checked.ok ? T.checkedOk(checked) : checked.problem}
          {checked.ok && checked.otherDevice === false && <div>{T.sameDisk}</div>}
        </div>
      )}
      {error && !folderError && <div className="form-error">{error.message}</div>}
      <div className="actions">
        <button type="button" disabled={checking || folder.trim() === ''} onClick={check}>
          {checking ? T.checking : T.check}
        </button>
        <button type="submit">{T.saveFolder}</button>
        {current && (
          <button type="button" className="link" onClick={() => save(null)}>
            {T.useData}
          </button>
        )}
        {saved !== undefined && <span className="ok-text">{T.folderSaved(saved)}</span>}
      </div>
    </form>
  )
}

function PolicyForm({ policy }: { policy: BackupPolicy }) {
  const [auto, setAuto] = useState(policy.auto)
  const [daily, setDaily] = useState(String(policy.daily))
  const [weekly, setWeekly] = useState(String(policy.weekly))
  const [monthly, setMonthly] = useState(String(policy.monthly))
  const [error, setError] = useState<DeskError | null>(null)
  const [saved, setSaved] = useState(false)
  useEffect(() => setSaved(false), [auto, daily, weekly, monthly])
  const errs = fieldErrors(error)
  return (
    <form
      className="backup-policy"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault()
        const r = await invoke('backup-policy-save', { auto, daily: Number(daily), weekly: Number(weekly), monthly: Number(monthly) })
        setError(r.ok ? null : r.error)
        if (r.ok) setSaved(true)
      }}
    >
      <h3>{T.policy}</h3>
      <label className="backup-auto">
        <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> {T.autoOn}
      </label>
      <div className="grid">
        <Field label={T.daily} name="daily" error={errs.daily} hint={T.dailyHint}>
          <input type="number" min={1} max={60} value={daily} onChange={(e) => setDaily(e.target.value)} />
        </Field>
        <Field label={T.weekly} name="weekly" error={errs.weekly} hint={T.weeklyHint}>
          <input type="number" min={0} max={52} value={weekly} onChange={(e) => setWeekly(e.target.value)} />
        </Field>
        <Field label={T.monthly} name="monthly" error={errs.monthly} hint={T.monthlyHint}>
          <input type="number" min={0} max={120} value={monthly} onChange={(e) => setMonthly(e.target.value)} />
        </Field>
      </div>
      {error && !error.details?.field && <div className="form-error">{error.message}</div>}
      <div className="actions">
        <button type="submit">{T.save}</button>
        {saved && <span className="ok-text">{T.saved}</span>}
      </div>
    </form>
  )
}
