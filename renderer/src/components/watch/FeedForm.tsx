import { useState } from 'react'
import { invoke, fieldErrors } from '../../api'
import { Field } from '../Field'
import { Dialog } from '../Overlay'
import { useDirty } from '../../unsaved'
import { DEFAULT_INTERVAL_MIN, FEED_CATEGORIES, FEED_WEIGHTS } from '../../../../shared/watch'
import type { DeskError } from '../../../../shared/contract'
import type { Feed, FeedPreview } from '../../../../shared/contract/feeds'
import { Highlighted, SafeLink, chinaTime } from './Text'
import { RssHubHelper } from './RssHubHelper'

const T = {
  addTitle: '添加订阅源',
  editTitle: '编辑订阅源',
  url: '订阅地址',
  urlHint: 'RSS/Atom 地址，如 https://rsshub.app/people/... 或卫健委网站的 RSS',
  name: '名称',
  nameHint: '留空则用试抓取读到的订阅源标题',
  category: '分类',
  uncategorized: '（未分类）',
  interval: '抓取间隔',
  encoding: '编码',
  weight: '来源权重',
  weightHint: '用于判断舆情级别：省级/中央媒体的负面报道会定为重大',
  template: '用 RSSHub 模板填写…',
  hideTemplate: '收起模板',
  fullText: '抓取全文',
  fullTextOn: '只有摘要时读取原文正文',
  fullTextHint: '只有摘要的新条目，先打开原文网页读取正文再匹配规则（每次抓取最多读 6 篇，不执行网页脚本）',
  preview: '试抓取',
  previewing: '正在试抓取…',
  previewResult: '试抓取结果',
  save: '保存',
  cancel: '取消',
  previewHead: (p: FeedPreview) => `读到 ${p.total} 条，其中 ${p.matched} 条命中监测规则${p.total > p.items.length ? `（显示前 ${p.items.length} 条）` : ''}，编码 ${p.encoding}`,
  matched: '命中',
  notMatched: '不相关',
  nothing: '这个订阅源目前没有条目。'
}
const INTERVALS = [15, 30, 60, 120, 360, 720, 1440]
const intervalLabel = (m: number) => (m < 60 ? `${m} 分钟` : m < 1440 ? `${m / 60} 小时` : '每天')
const ENCODINGS: [string, string][] = [['', '自动识别'], ['utf-8', 'UTF-8'], ['gbk', 'GBK'], ['gb2312', 'GB2312'], ['gb18030', 'GB18030'], ['big5', 'Big5（繁体）']]

export function FeedForm({ feed, onSaved, onCancel }: { feed?: Feed; onSaved: (f: Feed) => void; onCancel: () => void }) {
  const [url, setUrl] = useState(feed?.url ?? '')
  const [name, setName] = useState(feed?.name ?? '')
  const [category, setCategory] = useState(feed?.category ?? '')
  const [intervalMin, setIntervalMin] = useState(feed?.intervalMin ?? DEFAULT_INTERVAL_MIN)
  const [encoding, setEncoding] = useState(feed?.encoding ?? '')
  const [weight, setWeight] = useState(feed?.weight ?? 1)
  const [fetchFullText, setFetchFullText] = useState(feed?.fetchFullText ?? false)
  const [preview, setPreview] = useState<FeedPreview | null>(null)
  const [template, setTemplate] = useState(false)
  const [error, setError] = useState<DeskError | null>(null)
  const [busy, setBusy] = useState<'' | 'preview' | 'save'>('')
  const errs = fieldErrors(error)
  const title = feed ? T.editTitle : T.addTitle
  // The name filled in by 试抓取 counts too: it is input the officer would lose.
  const saved = useDirty({ url, name, category, intervalMin, encoding, weight, fetchFullText })

  async function runPreview() {
    setBusy('preview')
    setPreview(null)
    const r = await invoke('feed-preview', { url, encoding: encoding || null })
    setBusy('')
    if (!r.ok) return setError(r.error)
    setError(null)
    setPreview(r.value)
    if (!name.trim() && r.value.title) setName(r.value.title.slice(0, 60))
  }

  async function save() {
    setBusy('save')
    const values = { url, name, category, intervalMin, encoding: encoding || null, weight, fetchFullText }
    const r = feed ? await invoke('feed-update', { id: feed.id, ...values }) : await invoke('feed-add', values)
    setBusy('')
    if (!r.ok) return setError(r.error)
    saved()
    onSaved(r.value)
  }

  return (
    <Dialog className="modal feed-dialog" label={title} busy={busy === 'save'} onClose={onCancel}>
      {(close) => (
    <form className="feed-form" aria-label={title} onSubmit={(e) => { e.preventDefault(); void save() }}>
      <h2>{title}</h2>
      {!feed && (
        <button type="button" className="link" aria-expanded={template} onClick={() => setTemplate(!template)}>{template ? T.hideTemplate : T.template}</button>
      )}
      {template && (
        <RssHubHelper
          onUse={(p) => {
            setUrl(p.url)
            setName(p.name)
            setCategory(p.category)
            setWeight(p.weight)
            setPreview(null)
          }}
        />
      )}
      <div className="grid">
        <Field label={T.url} name="url" error={errs.url} hint={T.urlHint} wide>
          <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" />
        </Field>
        <Field label={T.name} name="name" error={errs.name} hint={T.nameHint}>
          <input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={T.category} name="category" error={errs.category}>
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{T.uncategorized}</option>
            {[...new Set([...FEED_CATEGORIES, category].filter(Boolean))].map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </Field>
        <Field label={T.interval} name="intervalMin" error={errs.intervalMin}>
          <select value={intervalMin} onChange={(e) => setIntervalMin(Number(e.target.value))}>
            {[...new Set([...INTERVALS, intervalMin])].sort((a, b) => a - b).map((m) => <option key={m} value={m}>{intervalLabel(m)}</option>)}
          </select>
        </Field>
        <Field label={T.encoding} name="encoding" error={errs.encoding}>
          <select value={encoding} onChange={(e) => setEncoding(e.target.value)}>
            {ENCODINGS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </Field>
        <Field label={T.weight} name="weight" error={errs.weight} hint={T.weightHint}>
          <select value={weight} onChange={(e) => setWeight(Number(e.target.value))}>
            {Object.entries(FEED_WEIGHTS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </Field>
        <Field label={T.fullText} name="fetchFullText" error={errs.fetchFullText} hint={T.fullTextHint} wide>
          <span className="check"><input type="checkbox" checked={fetchFullText} onChange={(e) => setFetchFullText(e.target.checked)} />{T.fullTextOn}</span>
        </Field>
      </div>
      <div className="actions">
        <button type="button" onClick={runPreview} disabled={busy !== ''}>{busy === 'preview' ? T.previewing : T.preview}</button>
        <button type="submit" className="primary" disabled={busy !== ''}>{T.save}</button>
        <button type="button" onClick={close}>{T.cancel}</button>
      </div>
      {error && !errs.url && <div className="form-error" role="alert">{error.message}</div>}
      {preview && (
        <div className="feed-preview" aria-label={T.previewResult}>
          <p className="muted">{T.previewHead(preview)}</p>
          {preview.note && <p className="feed-note" role="note">{preview.note}</p>}
          {preview.items.length === 0 && <p className="muted">{T.nothing}</p>}
          <ul>
            {preview.items.map((it, i) => (
              <li key={i} className={it.matches ? 'hit' : 'miss'}>
                <span className={it.matches ? 'chip chip-hit' : 'chip'}>{it.matches ? T.matched : T.notMatched}</span>
                <SafeLink href={it.link}><Highlighted segments={it.titleSegments} /></SafeLink>
                <span className="muted small">{chinaTime(it.publishedAt)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
      )}
    </Dialog>
  )
}
