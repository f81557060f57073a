// 用 RSSHub 模板填写: pick a route a hospital watches (shared/rsshub.ts), fill in its fields and RSSHub's own
// filters, and the feed form gets the address, a name, the category and the source weight. Nothing is saved here
// except, on request, the RSSHub address as the office's default (audited).
import { useState } from 'react'
import { invoke } from '../../api'
import { useQuery } from '../../hooks'
import { Field } from '../Field'
import { RSSHUB_FILTERS, RSSHUB_ROUTES, buildRssHubUrl, routeByKey, type RssHubFilterKey } from '../../../../shared/rsshub'

const T = {
  title: '用 RSSHub 模板填写',
  base: 'RSSHub 地址',
  baseHint: '公共实例或本院自建的 RSSHub 服务器',
  saveBase: '设为本院默认',
  baseSaved: '已设为本院默认地址',
  route: '模板',
  address: '生成的订阅地址',
  use: '填入订阅地址',
  used: '已填入，请试抓取确认后保存'
}

export interface RssHubPick {
  url: string
  name: string
  category: string
  weight: number
}

export function RssHubHelper({ onUse }: { onUse: (p: RssHubPick) => void }) {
  const stored = useQuery('rsshub-base-get', {})
  // the stored address until the officer types another
  const [typed, setBase] = useState<string | null>(null)
  const base = typed ?? stored.data?.base ?? ''
  const [routeKey, setRouteKey] = useState(RSSHUB_ROUTES[0].key)
  const [values, setValues] = useState<Record<string, string>>({})
  const [filters, setFilters] = useState<Partial<Record<RssHubFilterKey, string>>>({})
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)

  const route = routeByKey(routeKey) ?? RSSHUB_ROUTES[0]
  const built = buildRssHubUrl(base, route, values, filters)
  const error = 'error' in built ? built : null
  // an empty required field is asked for, not shown as an error, until something was typed
  const touched = route.fields.some((f) => (values[f.key] ?? '').trim()) || Object.values(filters).some(Boolean)

  async function saveBase() {
    const r = await invoke('rsshub-base-save', { base })
    if (!r.ok) return setNote({ ok: false, text: r.error.message })
    setBase(r.value.base)
    stored.reload()
    setNote({ ok: true, text: T.baseSaved })
  }

  return (
    <fieldset className="rsshub-helper" aria-label={T.title}>
      <legend>{T.title}</legend>
      <div className="grid">
        <Field label={T.base} name='base' error={error?.field === "base" ? error.error : undefined} hint={T.baseHint} wide>
          <span className="inline">
            <input value={base} onChange={(e) => setBase(e.target.value)} placeholder="https://rsshub.app" />
            <button type="button" onClick={saveBase} disabled={!base.trim() || base === stored.data?.base}>{T.saveBase}</button>
          </span>
        </Field>
        <Field label={T.route} name="route" hint={route.note}>
          <select value={routeKey} onChange={(e) => { setRouteKey(e.target.value); setValues({}) }}>
            {RSSHUB_ROUTES.map((r) => <option key={r.key} value={r.key}>{r.label}</option>)}
          </select>
        </Field>
        {route.fields.map((f) => (
          <Field key={`${route.key}-${f.key}`} label={f.label} name={`rsshub.${f.key}`} error={touched && error?.field === f.key ? error.error : undefined} hint={f.hint}>
            <input value={values[f.key] ?? ''} maxLength={500} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} />
          </Field>
        ))}
        {RSSHUB_FILTERS.map((f) => (
          <Field key={f.key} label={f.label} name={`rsshub.${f.key}`} error={error?.field === f.key ? error.error : undefined} hint={f.hint}>
            <input value={filters[f.key] ?? ''} maxLength={f.key === 'limit' ? 3 : 200} inputMode={f.key === 'limit' ? 'numeric' : undefined} onChange={(e) => setFilters({ ...filters, [f.key]: e.target.value })} />
          </Field>
        ))}
      </div>
      {'url' in built && (
        <p className="rsshub-address">
          {T.address}：<code data-testid="rsshub-url">{built.url}</code>
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={!('url' in built)}
          onClick={() => {
            if (!('url' in built)) return
            onUse({ url: built.url, name: built.name, category: route.category, weight: route.weight })
            setNote({ ok: true, text: T.used })
          }}
        >
          {T.use}
        </button>
        {note && <span className={note.ok ? 'muted small' : 'form-error'} role={note.ok ? 'status' : 'alert'}>{note.text}</span>}
      </div>
    </fieldset>
  )
}
