// 存证 pages laid out by the hosting process on the thread's behalf: only the Electron main process can open an
// offscreen window (services/watch/page-image.ts). The stored bytes go out, a PNG and a PDF come back.
import type { PageImage, PageRenderer } from '../../services/watch/page-image'
import type { FromDesk, ToDesk } from './protocol'

/** The thread's side: a renderer whose pages the host lays out. */
export function remotePages(post: (m: FromDesk) => void): { renderer: PageRenderer; receive(m: ToDesk): void } {
  let next = 1
  const pending = new Map<number, { resolve(i: PageImage): void; reject(e: Error): void }>()
  return {
    renderer: {
      render: (page, timeoutMs) =>
        new Promise<PageImage>((resolve, reject) => {
          const id = next++
          pending.set(id, { resolve, reject })
          post({ t: 'page-render', id, url: page.url, html: new Uint8Array(page.html), contentType: page.contentType, timeoutMs })
        })
    },
    receive(m) {
      if (m.t !== 'page-rendered' && m.t !== 'page-render-failed') return
      const p = pending.get(m.id)
      if (!p) return
      pending.delete(m.id)
      if (m.t === 'page-rendered') p.resolve({ png: Buffer.from(m.png), pdf: Buffer.from(m.pdf) })
      else p.reject(new Error(m.message))
    }
  }
}

/** The host's side: lay out the thread's pages with `renderer`, one answer per request. */
export function serveRemotePages(renderer: PageRenderer, send: (m: ToDesk) => void): (m: FromDesk) => void {
  return (m) => {
    if (m.t !== 'page-render') return
    const page = { url: m.url, html: Buffer.from(m.html), contentType: m.contentType }
    renderer.render(page, m.timeoutMs).then(
      (image) => send({ t: 'page-rendered', id: m.id, png: new Uint8Array(image.png), pdf: new Uint8Array(image.pdf) }),
      (e: unknown) => send({ t: 'page-render-failed', id: m.id, message: e instanceof Error ? e.message : String(e) })
    )
  }
}
