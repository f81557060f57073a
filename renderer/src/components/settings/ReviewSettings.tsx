// 设置 › 审核流程: the review chain of each channel, and the medical step added for medical themes.
import { useEffect, useState } from 'react'
import { invoke, fieldErrors } from '../../api'
import { useQuery } from '../../hooks'
import { Field, splitList } from '../Field'
import { CHANNELS, CHANNEL_CODES, type Channel } from '../../../../shared/channels'
import type { DeskError } from '../../../../shared/contract'

const T = {
  title: '审核流程',
  lead: '每个渠道的稿件送审后依次经过这些步骤（初审 → 复审 → 终审）。留空表示该渠道无需审核，可直接标记完成。',
  channel: '渠道',
  steps: '审核步骤',
  stepsHint: '用 → 或顿号分隔，如：宣传科初审 → 分管院领导终审',
  noReview: '无需审核',
  medicalStep: '医学内容审核步骤',
  medicalStepHint: '带有下列主题的稿件，在终审前加入这一步',
  medicalThemes: '医学主题',
  save: '保存',
  saved: '已保存'
}

const split = (s: string) => s.split(/\s*(?:→|->|、|,|，)\s*/).map((x) => x.trim()).filter(Boolean)

export function ReviewSettings() {
  const q = useQuery('review-chains-get', {})
  const [chains, setChains] = useState<Record<string, string>>({})
  const [medicalStep, setMedicalStep] = useState('')
  const [medicalThemes, setMedicalThemes] = useState('')
  const [error, setError] = useState<DeskError | null>(null)
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    if (!q.data) return
    setChains(Object.fromEntries(CHANNEL_CODES.map((c) => [c, (q.data!.chains[c] ?? []).join(' → ')])))
    setMedicalStep(q.data.medicalStep)
    setMedicalThemes(q.data.medicalThemes.join('、'))
  }, [q.data])
  const errs = fieldErrors(error)

  async function save() {
    const r = await invoke('review-chains-save', {
      chains: Object.fromEntries(CHANNEL_CODES.map((c) => [c, split(chains[c] ?? '')])) as Record<Channel, string[]>,
      medicalStep,
      medicalThemes: splitList(medicalThemes)
    })
    setError(r.ok ? null : r.error)
    setSaved(r.ok)
  }

  if (!q.data) return null
  return (
    <form className="card" aria-label={T.title} onSubmit={(e) => (e.preventDefault(), void save())}>
      <h2>{T.title}</h2>
      <p className="muted small">{T.lead}</p>
      <table className="table settings-table">
        <thead>
          <tr><th>{T.channel}</th><th>{T.steps}</th></tr>
        </thead>
        <tbody>
          {CHANNEL_CODES.map((c) => (
            <tr key={c}>
              <td className="nowrap">{CHANNELS[c]}</td>
              <td>
                <input aria-label={`${CHANNELS[c]}${T.steps}`} className="wide-input" value={chains[c] ?? ''} placeholder={T.noReview} onChange={(e) => setChains({ ...chains, [c]: e.target.value })} />
                {errs[`chains.${c}.0`] && <span className="field-error">{errs[`chains.${c}.0`]}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{T.stepsHint}</p>
      <div className="grid">
        <Field label={T.medicalStep} name="medicalStep" error={errs.medicalStep} hint={T.medicalStepHint}>
          <input value={medicalStep} onChange={(e) => setMedicalStep(e.target.value)} />
        </Field>
        <Field label={T.medicalThemes} name="medicalThemes" error={errs.medicalThemes}>
          <input value={medicalThemes} onChange={(e) => setMedicalThemes(e.target.value)} />
        </Field>
      </div>
      {error && <div className="form-error" role="alert">{error.message}</div>}
      <div className="actions">
        <button type="submit" className="primary">{T.save}</button>
        {saved && <span className="ok-text">{T.saved}</span>}
      </div>
    </form>
  )
}
