// What `app://desk/…` serves: files of the built renderer folder, nothing else. Kept free of `electron` so the same
// code answers the protocol handler in the app and a plain HTTP server in the browser test.
//
// Why a scheme at all: the fuse grantFileProtocolExtraPrivileges is off, so a file:// page gets what it gets in a
// browser — origin 'null' — and the bundle's `<script type="module" crossorigin>` is refused by CORS (blank window).
// app://desk is a standard, secure scheme: the page has a real origin, its own files are same-origin, and the CSP's
// 'self' means exactly app://desk.
import { promises as fs } from 'node:fs'
import { extname, isAbsolute, join, relative } from 'node:path'
import { CSP } from '../../shared/csp'

export const APP_SCHEME = 'app'
export const APP_HOST = 'desk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** The one page of the app: the window loads it and IPC answers only it. */
export const APP_PAGE = `${APP_ORIGIN}/index.html`

/** Only what the build emits is served; anything else (source maps, stray files) is a 404. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm'
}

export type AppFile = { status: 200; file: string; mime: string } | { status: 404 }

/** The frame the IPC handler answers: the app page itself (any #route or ?query), never another page or origin. */
export function isAppPage(url: string): boolean {
  return url.split('#')[0].split('?')[0] === APP_PAGE
}

/**
 * The path segments of an app URL, decoded, or null when the URL is not one of ours or tries to leave the folder.
 * The URL parser already folds `..` and `%2e%2e`; what survives it (`..%2f`, `%5c`, `%00`, a drive letter) is refused
 * here rather than trusted to the file system.
 */
function segments(url: string): string[] | null {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return null
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username || u.password) return null
  const path = u.pathname === '/' || u.pathname === '' ? '/index.html' : u.pathname
  const out: string[] = []
  for (const raw of path.slice(1).split('/')) {
    let s: string
    try {
      s = decodeURIComponent(raw)
    } catch {
      return null
    }
    // no empty, hidden or dot segments; no separators, drive letters or control characters hiding inside one
    if (!s || s.startsWith('.') || /[/\\:\u0000-\u001f\u007f]/.test(s)) return null
    out.push(s)
  }
  return out
}

function inside(dir: string, file: string): boolean {
  const rel = relative(dir, file)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}

/** The file an `app://desk/…` URL names inside the built renderer folder, with its MIME type — or 404. */
export async function resolveAppFile(rendererDir: string, url: string): Promise<AppFile> {
  const parts = segments(url)
  if (!parts) return { status: 404 }
  const mime = TYPES[extname(parts[parts.length - 1]).toLowerCase()]
  if (!mime) return { status: 404 }
  const file = join(rendererDir, ...parts)
  if (!inside(rendererDir, file)) return { status: 404 }
  try {
    if (!(await fs.stat(file)).isFile()) return { status: 404 }
    // a symlink inside the folder must not lead out of it
    const [realDir, realFile] = await Promise.all([fs.realpath(rendererDir), fs.realpath(file)])
    if (!inside(realDir, realFile)) return { status: 404 }
  } catch {
    return { status: 404 }
  }
  return { status: 200, file, mime }
}

export interface AppResponse {
  status: 200 | 404 | 405
  headers: Record<string, string>
  body: Buffer | null
}

/** The headers every app:// response carries (the page's <meta> CSP stays; the header adds frame-ancestors). */
export function appHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache'
  }
}

const notFound = (): AppResponse => ({ status: 404, headers: appHeaders('text/plain; charset=utf-8'), body: Buffer.from('找不到页面') })

/** The whole answer to one request: what the protocol handler returns and the browser test's server sends. */
export async function serveAppRequest(rendererDir: string, method: string, url: string): Promise<AppResponse> {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: appHeaders('text/plain; charset=utf-8'), body: null }
  const found = await resolveAppFile(rendererDir, url)
  if (found.status !== 200) return notFound()
  try {
    return { status: 200, headers: appHeaders(found.mime), body: method === 'GET' ? await fs.readFile(found.file) : null }
  } catch {
    return notFound() // removed between the check and the read
  }
}
