// The app's own scheme, app://desk/ (Electron security checklist, item 18: no file:// pages). Registered as
// privileged before `ready` — standard (real origin, relative URLs), secure (a secure context) and fetch — and
// deliberately not bypassCSP, corsEnabled or allowServiceWorkers. What it serves is decided in app-files.ts.
import { protocol } from 'electron'
import { APP_SCHEME, serveAppRequest } from './app-files'

/** Must run before `app` is ready (Electron allows one call). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }])
}

/** After `ready`: answer app://desk/… from the built renderer folder. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const r = await serveAppRequest(rendererDir, request.method, request.url)
    return new Response(r.body, { status: r.status, headers: r.headers })
  })
}
