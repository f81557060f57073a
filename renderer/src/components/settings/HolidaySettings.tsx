// 设置 › 节假日安排: the years the desk knows (内置 from chinese-days, 本院补充 from the State Council's notice), and
// adding a year: paste the notice → 预览 (nothing written) → 保存. An added year can be deleted, after a question.
import { useState } from 'react'
import { invoke, fieldErrors } from '../../api'
import { useQuery } from '../../hooks'
import { useDirty } from '../../unsaved'
import { Field } from '../Field'
import { ConfirmDialog } from '../ConfirmDialog'
import { formatDate } from '../../../../shared/dates'
import type { DeskError } from '../../../../shared/contract'
import type { HolidayNoticePreview } from '../../../../shared/contract/calendar'

const T = {
  title: '节假日安排',
  hint: '放假和调休上班日期用于LED送审提前量、截止日期和指标周的工作日计算。每年秋季国务院办公厅公布次年安排后，如下表还没有该年，请在此粘贴通知正文补充。',
  year: '年份',
  source: '来源',
  holidays: '放假天数',
  makeups: '调休上班',
  del: '删除',
  add: '添加年份',
  known: '已有的年份',
  text: '通知正文',
  textHint: '粘贴“国务院办公厅关于××××年部分节假日安排的通知”的正文（含“一、元旦：……”各项）',
  preview: '预览',
  save: '保存',
  cancel: '取消',
  saved: (y: number) => `已保存 ${y} 年的节假日安排`,
  deleted: (y: number) => `已删除 ${y} 年的本院补充安排`,
  item: '节日',
  span: '放假',
  days: '天数',
  work: '调休上班',
  none: '无',
  replaces: (s: string) => `${s === '内置' ? '内置' : '本院已补充'}的该年安排将被替换`,
  confirmTitle: (y: number) => `删除 ${y} 年的节假日安排？`,
  confirmBody: (y: number) => `删除后 ${y} 年改用内置安排（如有）；没有内置安排的，按周末计算工作日，直至重新补充。`,
  badYear: '请填写四位年份，如 2027'
}

const day = (d: string) => formatDate(d, 'M月d日')

export function HolidaySettings() {
  const q = useQuery('holiday-schedules', {})
  const [year, setYear] = useState('')
  const [text, setText] = useState('')
  const [preview, setPreview] = useState<HolidayNoticePreview | null>(null)
  const [error, setError] = useState<DeskError | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<number | null>(null)
  const [badYear, setBadYear] = useState(false)
  const errs: Record<string, string> = { ...fieldErrors(error), ...(badYear ? { year: T.badYear } : {}) }
  const clean = useDirty({ year, text })
  const args = () => ({ year: Number(year), notice: text })

  async function read() {
    setDone(null)
    setBadYear(!/^\d{4}$/.test(year.trim()))
    if (!/^\d{4}$/.test(year.trim())) return
    const r = await invoke('holiday-notice-read', args())
    setError(r.ok ? null : r.error)
    setPreview(r.ok ? r.value : null)
  }
  async function save() {
    const r = await invoke('holiday-year-save', args())
    setError(r.ok ? null : r.error)
    if (!r.ok) return
    setDone(T.saved(Number(year)))
    setPreview(null)
    setYear('')
    setText('')
    clean()
  }
  async function remove(y: number) {
    const r = await invoke('holiday-year-delete', { year: y })
    setDeleting(null)
    if (r.ok) setDone(T.deleted(y))
    else setError(r.error)
  }

  const years = q.data?.years ?? []
  return (
    <section className="card" aria-label={T.title}>
      <h2>{T.title}</h2>
      <p className="muted small">{T.hint}</p>
      {done && <div className="ok-text" role="status">{done}</div>}
      <form aria-label={T.add} onSubmit={(e) => (e.preventDefault(), void (preview ? save() : read()))}>
        <h3>{T.add}</h3>
        <Field label={T.year} name="year" error={errs.year}>
          <input inputMode="numeric" value={year} onChange={(e) => (setYear(e.target.value), setPreview(null))} placeholder="如 2027" />
        </Field>
        <Field label={T.text} name="notice" error={errs.notice} hint={T.textHint}>
          <textarea rows={8} value={text} onChange={(e) => (setText(e.target.value), setPreview(null))} />
        </Field>
        {error && !errs.year && !errs.notice && <div className="form-error" role="alert">{error.message}</div>}
        {preview && (
          <div className="holiday-preview" aria-label={T.preview}>
            {preview.replaces && <p className="warn-text">{T.replaces(preview.replaces)}</p>}
            <table className="table">
              <thead><tr><th>{T.item}</th><th>{T.span}</th><th>{T.days}</th><th>{T.work}</th></tr></thead>
              <tbody>
                {preview.items.map((i) => (
                  <tr key={i.name + i.from}>
                    <td>{i.name}</td>
                    <td>{i.from === i.to ? day(i.from) : `${day(i.from)}至${day(i.to)}`}</td>
                    <td>{i.days}</td>
                    <td>{i.workdays.length ? i.workdays.map(day).join('、') : T.none}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="actions">
          <button type="button" onClick={() => void read()}>{T.preview}</button>
          <button type="submit" className="primary" disabled={!preview}>{T.save}</button>
          {preview && <button type="button" onClick={() => setPreview(null)}>{T.cancel}</button>}
        </div>
      </form>
      <h3>{T.known}</h3>
      <div className="holiday-years-box" role="region" aria-label={T.known} tabIndex={0}>
        <table className="table holiday-years">
          <thead>
            <tr><th>{T.year}</th><th>{T.source}</th><th>{T.holidays}</th><th>{T.makeups}</th><th /></tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y.year} data-year={y.year}>
                <td>{y.year}</td>
                <td>{y.source}</td>
                <td>{y.holidays}</td>
                <td>{y.makeups}</td>
                <td>{y.source === '本院补充' && <button type="button" className="link danger" onClick={() => setDeleting(y.year)}>{T.del}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {deleting !== null && (
        <ConfirmDialog title={T.confirmTitle(deleting)} yes={T.del} onYes={() => void remove(deleting)} onNo={() => setDeleting(null)}>
          {T.confirmBody(deleting)}
        </ConfirmDialog>
      )}
    </section>
  )
}
