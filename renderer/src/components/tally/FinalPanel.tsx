// 定稿: the secretary finalizes the half-year with their password; every version's Word and Excel files can be
// downloaded again exactly as stored (SHA-256 shown), and later changes show against the finalized figures.
import { useState } from 'react'
import { invoke } from '../../api'
import { useQuery } from '../../hooks'
import { downloadPayload } from '../../files'
import { PasswordDialog } from './PasswordDialog'
import { Changes } from './SignOff'
import { chinaDateTime } from '../../../../shared/periods'
import type { DeskError } from '../../../../shared/contract'
import type { FinalInfo, ReportPreview } from '../../../../shared/contract/reports'

const T = {
  title: '定稿',
  notHalf: '定稿按半年进行：请选择上半年或下半年。',
  none: '尚未定稿。',
  finalized: (n: number) => `已定稿（第 ${n} 版）`,
  finalize: '定稿',
  refinalize: (n: number) => `重新定稿（第 ${n} 版）`,
  confirm: '确认定稿',
  signer: (name: string) => `定稿人：${name}`,
  intro: (label: string) => `将${label}的总结（Word）与统计汇总（Excel）按现在的数字生成并原样保存，连同各月签阅情况与操作日志的当前位置，作为新的一版；此前的版本均保留，可随时下载原文件。`,
  onlySecretary: '定稿须由党委书记本人登录后进行。',
  changed: '定稿后有变动',
  changedIntro: '以下数字或台账记录在定稿后发生了变化：页面和下载的草稿是现在的数字，定稿文件仍是定稿时的原样。',
  then: '定稿时',
  versions: '定稿版本',
  line: (f: FinalInfo) => `第 ${f.version} 版 · ${f.signedBy} · ${chinaDateTime(f.signedAt)}`,
  word: '下载 Word',
  excel: '下载 Excel',
  hash: 'SHA-256',
  kb: (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`,
  saved: '已下载：',
  comment: (c: string) => `意见：${c}`
}

export function FinalPanel({ preview }: { preview: ReportPreview }) {
  const code = preview.period.code
  const half = /^\d{4}H[12]$/.test(code)
  const session = useQuery('session-state', {})
  const finals = useQuery('report-finals', half ? { period: code } : null)
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<DeskError | null>(null)
  const [saved, setSaved] = useState('')
  if (!half) return <section className="card final-panel"><h3>{T.title}</h3><p className="muted small">{T.notHalf}</p></section>
  const f = preview.final
  const user = session.data?.user ?? null
  const canFinalize = !!user && !!session.data?.allowed.includes('report-finalize')

  async function finalize(password: string, comment: string) {
    const r = await invoke('report-finalize', { period: code, password, comment })
    if (!r.ok) return r.error
    setOpen(false)
    return null
  }

  async function download(id: number, format: 'docx' | 'xlsx') {
    setError(null)
    const r = await invoke('report-final-download', { id, format })
    if (!r.ok) return setError(r.error)
    downloadPayload(r.value)
    setSaved(r.value.fileName)
  }

  return (
    <section className={`card final-panel${f?.changed ? ' is-changed' : f ? ' is-signed' : ''}`} aria-label={T.title} data-testid="final">
      <h3>{T.title}</h3>
      {f ? (
        <p className="signed-line">
          <span className="signed-badge">✓ {T.finalized(f.version)}</span> {f.signedBy} · {chinaDateTime(f.signedAt)}
          {f.comment ? <span className="signed-comment">{T.comment(f.comment)}</span> : null}
        </p>
      ) : (
        <p className="muted small">{T.none}</p>
      )}
      {f?.changed && <Changes s={f} badge={T.changed} intro={T.changedIntro} then={T.then} label={T.changed} />}
      {canFinalize ? (
        <button type="button" className={f ? '' : 'primary'} onClick={() => setOpen(true)}>{f ? T.refinalize(f.version + 1) : T.finalize}</button>
      ) : (
        session.data && !f && <p className="muted small">{T.onlySecretary}</p>
      )}
      {finals.data && finals.data.length > 0 && (
        <ol className="final-versions" aria-label={T.versions}>
          {[...finals.data].reverse().map((v) => (
            <li key={v.id}>
              <div>{T.line(v)}{v.comment && <span className="signed-comment">{T.comment(v.comment)}</span>}</div>
              {(['docx', 'xlsx'] as const).map((format) => (
                <div key={format} className="final-files">
                  <button type="button" className="link" onClick={() => void download(v.id, format)}>{format === 'docx' ? T.word : T.excel}</button>
                  <span className="small muted">{T.kb(format === 'docx' ? v.docxBytes : v.xlsxBytes)} · {T.hash} <code>{format === 'docx' ? v.docxSha256 : v.xlsxSha256}</code></span>
                </div>
              ))}
            </li>
          ))}
        </ol>
      )}
      {saved && <p className="ok-text small">{T.saved}{saved}</p>}
      {error && <div className="form-error">{error.message}</div>}
      {open && user && (
        <PasswordDialog title={`${T.title}：${preview.period.label}`} signer={T.signer(user.name)} intro={T.intro(preview.period.label)} confirm={T.confirm} onConfirm={finalize} onClose={() => setOpen(false)} />
      )}
    </section>
  )
}
