import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openContext, type Ctx, type Notice } from '../../handlers/context'
import { dispatch, handlers } from '../../handlers'
import type { ArgsOf, HandlerName, ResultOf, Envelope } from '../../shared/contract'

export interface TestDesk {
  ctx: Ctx
  dir: string
  notices: Notice[]
  /** Dispatch through the validating entry point, exactly as the transports do. */
  invoke<K extends HandlerName>(name: K, args?: ArgsOf<K>): Promise<Envelope<ResultOf<K>>>
  /** Like invoke, but returns the value and throws on an error envelope. */
  call<K extends HandlerName>(name: K, args?: ArgsOf<K>): Promise<ResultOf<K>>
  close(): void
}

/** A fresh database in a temp folder, migrated with the real migrations. `now` defaults to 2023-06-15 10:00 China time. */
export function freshDesk(o: { now?: Date; actor?: string } = {}): TestDesk {
  const dir = mkdtempSync(join(tmpdir(), 'desk-test-'))
  const notices: Notice[] = []
  const now = o.now ?? new Date('2023-06-15T02:00:00Z')
  const ctx = openContext({ dbFile: join(dir, 'desk.sqlite'), actor: o.actor ?? '测试干事', now: () => now, notify: (n) => notices.push(n) })
  const invoke = <K extends HandlerName>(name: K, args?: ArgsOf<K>) => dispatch(handlers, ctx, name, args) as Promise<Envelope<ResultOf<K>>>
  return {
    ctx,
    dir,
    notices,
    invoke,
    async call(name, args) {
      const r = await invoke(name, args)
      if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`)
      return r.value
    },
    close() {
      ctx.desk.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
