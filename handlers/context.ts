import type { Desk } from '../db/open'
import { openDesk } from '../db/open'
import { DamagedDatabaseError } from '../db/integrity'
import { backupFoldersOf, newestGoodBackup } from '../db/backup'
import { dirname, join } from 'node:path'
import { createNodeTransport, type HttpTransport } from '../services/feeds/fetcher'
import type { SessionUser } from '../shared/roles'
import type { Domain } from '../shared/contract'
import type { NoticeKind } from '../shared/contract/notices'
import { insertNotice } from '../db/queries/notices'
import type { PageRenderer } from '../services/watch/page-image'

/** A notice for the officer: the Electron shell shows it as a desktop notification, the browser harness in-app. */
export interface Notice {
  title: string
  body: string
  /**
   * 'due': a scheduled piece fell due (the window offers 查看 at `href`); 'alert': a 较大/重大 mention; 'silent': a
   * feed went quiet; 'backup', 'webhook': a backup or a group-robot delivery did not complete.
   */
  kind?: NoticeKind
  /** An in-app link to the record ('#/watch/inbox/12', '#/calendar/3'). */
  href?: string
}

/**
 * One client's session, kept by its transport (the window, a browser cookie, a CLI run) and handed in with every
 * call. The dispatcher resolves `userId` to the user on each call, so a disabled user stops at once.
 */
export interface Session {
  userId: number | null
  /** Locked after the idle time or on demand: only 解锁 (the same user's password) or 切换用户 goes through. */
  locked: boolean
  /** ctx.now() of the last call, for the idle lock. */
  lastCallAt: number
  /** The window and browser transports lock a session left idle (设置: 15 minutes); the CLI and tests do not. */
  idleLock?: boolean
  /** Set for the desk's own background duties (自动备份, 到期提醒, 定时抓取): who they are in the trail. */
  system?: string
}

export function newSession(o: { idleLock?: boolean } = {}): Session {
  return { userId: null, locked: false, lastCallAt: 0, idleLock: o.idleLock ?? false }
}

/** The session of a background duty, e.g. systemContext(ctx, '系统（自动备份）'). */
export function systemContext(ctx: Ctx, name: string): Ctx {
  return { ...ctx, session: { userId: null, locked: false, lastCallAt: 0, system: name }, user: null, actor: name }
}

/** Everything a handler may use. Transports build one; tests build one on a fresh database. */
export interface Ctx {
  desk: Desk
  /** The caller's session (see Session); the dispatcher fills `user` and `actor` from it for each call. */
  session: Session
  /** The signed-in user making this call (null for public calls and background duties). */
  user: SessionUser | null
  /** Who is acting, as recorded in the audit log: the user's name, or the background duty's. */
  actor: string
  /** The desk's data folder (evidence files, backups, exports). */
  dataDir: string
  now: () => Date
  notify: (n: Notice) => void
  /** A background duty changed these domains: the transports tell every window, which reloads what shows them. */
  changed: (domains: Domain[]) => void
  /** How feeds are fetched: Electron's `net` in the app (system proxy), Node's HTTP in tests and the CLI. */
  http: HttpTransport
  /** Lays out a 存证's page as PNG and PDF: the Electron shell's offscreen window; absent in browser mode and the CLI. */
  pages?: PageRenderer
}

export interface ContextOptions {
  dbFile: string
  migrationsFolder?: string
  actor?: string
  dataDir?: string
  session?: Session
  now?: () => Date
  notify?: (n: Notice) => void
  changed?: (domains: Domain[]) => void
  http?: HttpTransport
  pages?: PageRenderer
}

/** The data folder beside a database file, unless the transport names another (Electron: userData/desk-data). */
export function defaultDataDir(dbFile: string): string {
  return join(dirname(dbFile), 'desk-data')
}

/**
 * Open the database (migrating it) and build the context every transport hands to the handlers. A damaged file
 * throws DamagedDatabaseError naming the newest good backup, for the transport to offer a restore.
 */
export function openContext(o: ContextOptions): Ctx {
  const dataDir = o.dataDir ?? defaultDataDir(o.dbFile)
  let desk: Desk
  try {
    desk = openDesk(o.dbFile, { migrationsFolder: o.migrationsFolder })
  } catch (e) {
    if (!(e instanceof DamagedDatabaseError)) throw e
    const good = newestGoodBackup(backupFoldersOf(o.dbFile, dataDir))
    throw new DamagedDatabaseError(e.file, e.problem, good && { path: good.path, madeAt: good.madeAt.slice(0, 16) })
  }
  const show = o.notify ?? (() => {})
  const ctx: Ctx = {
    desk,
    session: o.session ?? newSession(),
    user: null,
    actor: o.actor ?? '未登录',
    dataDir,
    now: o.now ?? (() => new Date()),
    notify: (n) => {
      keepNotice(ctx.desk, n, ctx.now())
      show(n)
    },
    changed: o.changed ?? (() => {}),
    http: o.http ?? createNodeTransport(),
    ...(o.pages ? { pages: o.pages } : {})
  }
  return ctx
}

/**
 * Every notice is kept for the bell (the notices table) before a transport shows it, so one raised while no window
 * listens survives a restart. Keeping it never stops the notice: a failed write is logged.
 */
function keepNotice(desk: Desk, n: Notice, at: Date): void {
  try {
    const href = n.href?.startsWith('#/') ? n.href : ''
    insertNotice(desk.db, { at: at.toISOString(), kind: n.kind ?? 'other', title: n.title, body: n.body, href })
  } catch (e) {
    console.error('提醒未能保存：', e)
  }
}
