// Keys that recognise the same story across fetches and across feeds.
import { createHash } from 'node:crypto'
import { DIRECT, type TextFolder } from '../text/item-text'

// Parameters that only say who shared a link or from where; they differ between copies of the same article.
const TRACKING = new Set([
  'spm', 'from', 'isappinstalled', 'fbclid', 'gclid', 'msclkid', 'yclid', 'share_token', 'share_source',
  'share_medium', 'sharesource', 'wfr', 'ref_src', 'tt_from', 'scene'
])
// WeChat article links: only __biz, mid, idx and sn identify the article; the rest is per-reader session data.
const WECHAT_KEEP = new Set(['__biz', 'mid', 'idx', 'sn'])

const dropParam = (host: string, key: string): boolean => {
  const k = key.toLowerCase()
  if (k.startsWith('utm_') || TRACKING.has(k)) return true
  return host === 'mp.weixin.qq.com' && !WECHAT_KEEP.has(k)
}

/** Canonical form of an article link, or null when it is not an http(s) URL. */
export function normalizeLink(url: string): string | null {
  let u: URL
  try {
    u = new URL(url.trim())
  } catch {
    return null
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null
  const host = u.host.toLowerCase() // URL lower-cases and drops the default port already; be explicit anyway
  const params = new URLSearchParams()
  for (const [k, v] of u.searchParams) if (!dropParam(u.hostname, k)) params.append(k, v)
  params.sort() // stable: repeated keys keep their relative order
  const query = params.toString()
  let path = u.pathname
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1)
  if (path === '/') path = ''
  const auth = u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : ''
  return `${u.protocol}//${auth}${host}${path}${query ? `?${query}` : ''}`
}

/** sha1 over the folded title and the first 200 folded characters of the text, whitespace removed. */
export function contentHash(title: string, text: string, f: TextFolder = DIRECT): string {
  const t = f.fold(f.plain(title ?? '')).replace(/\s+/g, '')
  const body = Array.from(f.fold(f.plain(text ?? '')).replace(/\s+/g, '')).slice(0, 200).join('')
  return createHash('sha1').update(`${t}\u0000${body}`).digest('hex')
}

/**
 * Candidate keys, strongest first. The guid is only unique within its feed, so it is scoped by feedId; link and
 * content hash are global so the same story reposted in several feeds clusters. An item with neither title nor
 * text gets no hash key (all empty items would otherwise collapse into one).
 */
export function dedupKeys(item: {
  guid?: string | null
  link?: string | null
  title?: string | null
  text?: string | null
  feedId: number | string
}, f: TextFolder = DIRECT): string[] {
  const keys: string[] = []
  const guid = item.guid?.trim()
  if (guid) keys.push(`g:${item.feedId}:${guid}`)
  const link = item.link ? normalizeLink(item.link) : null
  if (link) keys.push(`l:${link}`)
  if ((item.title ?? '').trim() !== '' || (item.text ?? '').trim() !== '') {
    keys.push(`h:${contentHash(item.title ?? '', item.text ?? '', f)}`)
  }
  return keys
}
