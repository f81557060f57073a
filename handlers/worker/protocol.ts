// The messages between the desk's thread (./thread.ts) and the process that carries the windows (./client.ts).
// Only plain data crosses: the caller's session goes in with each call and comes back as the call left it.
import type { Envelope, Domain } from '../../shared/contract'
import type { Notice, Session } from '../context'
import type { DutyName } from '../duties'

export interface DeskOptions {
  dbFile: string
  migrationsFolder?: string
  dataDir?: string
  /** Feeds are fetched by the hosting process (Electron's `net`: system proxy, certificates); else Node's HTTP. */
  remoteHttp?: boolean
  /** 存证 pages are laid out by the hosting process (the Electron shell's offscreen window); else not at all. */
  remotePages?: boolean
  /** The background duties to run in the thread (handlers/background.ts); default none. */
  background?: DutyName[]
}

export interface DamagedInfo {
  file: string
  problem: string
  backup: { path: string; madeAt: string } | null
}

export type ToDesk =
  | { t: 'call'; id: number; session: Session; name: unknown; args: unknown }
  | { t: 'kick' }
  | { t: 'shutdown' }
  | { t: 'http-head'; id: number; status: number; headers: Record<string, string | string[] | undefined> }
  | { t: 'http-chunk'; id: number; chunk: Uint8Array }
  | { t: 'http-end'; id: number }
  | { t: 'http-error'; id: number; message: string; code?: string }
  | { t: 'page-rendered'; id: number; png: Uint8Array; pdf: Uint8Array }
  | { t: 'page-render-failed'; id: number; message: string }

export type FromDesk =
  | { t: 'ready' }
  | { t: 'failed'; message: string; damaged?: DamagedInfo }
  | { t: 'result'; id: number; envelope: Envelope<unknown>; session: Session }
  | { t: 'notice'; notice: Notice }
  | { t: 'changed'; domains: Domain[] }
  | { t: 'http-request'; id: number; url: string; headers: Record<string, string> }
  | { t: 'http-abort'; id: number }
  | { t: 'page-render'; id: number; url: string; html: Uint8Array; contentType: string | null; timeoutMs: number }
  | { t: 'closed' }
