import type Database from 'better-sqlite3'

/**
 * 'shallow' reads the first page of every table and index (milliseconds at any size; a zeroed or truncated file
 * fails it); 'quick' is quick_check (reads the whole file, skips index cross-checks: seconds on a ten-year desk);
 * a restore uses the full integrity_check.
 */
export type IntegrityMode = 'shallow' | 'quick' | 'full'
export type IntegrityResult = { ok: true } | { ok: false; problem: string }

/** SQLite's own error codes for a file that is not (or no longer) a readable database. */
export function isDamageError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code)
}

/**
 * Run SQLite's consistency check. SQLite answers one row 'ok' or up to 100 rows naming damaged pages (in
 * English); we lead with a Chinese summary and keep the first lines for the technician.
 */
export function checkIntegrity(sqlite: Database.Database, mode: IntegrityMode = 'quick'): IntegrityResult {
  if (mode === 'shallow') return shallowCheck(sqlite)
  let rows: string[]
  try {
    rows = (sqlite.pragma(mode === 'quick' ? 'quick_check(20)' : 'integrity_check(20)') as Record<string, string>[]).map((r) => String(Object.values(r)[0]))
  } catch (e) {
    if (!isDamageError(e)) throw e
    return { ok: false, problem: `完整性检查无法进行下去，文件结构已损坏（${(e as Error).message}）` }
  }
  if (rows.length === 1 && rows[0] === 'ok') return { ok: true }
  const shown = rows.slice(0, 3).join('；')
  return { ok: false, problem: `完整性检查发现${rows.length >= 20 ? '至少 20' : ` ${rows.length}`} 处问题（${shown}）` }
}

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`

/** The schema, then the first row of every ordinary table and the first entry of every index. */
function shallowCheck(sqlite: Database.Database): IntegrityResult {
  try {
    const objects = sqlite
      .prepare("SELECT type, name, tbl_name AS tbl FROM sqlite_master WHERE type IN ('table', 'index') AND coalesce(sql, '') NOT LIKE 'CREATE VIRTUAL%'")
      .all() as { type: string; name: string; tbl: string }[]
    for (const o of objects) {
      // NOT INDEXED: read the table's own b-tree (the planner would happily answer from a smaller index)
      if (o.type === 'table') sqlite.prepare(`SELECT 1 FROM ${quoted(o.name)} NOT INDEXED LIMIT 1`).get()
      else {
        let read: Database.Statement
        try {
          read = sqlite.prepare(`SELECT 1 FROM ${quoted(o.tbl)} INDEXED BY ${quoted(o.name)} LIMIT 1`)
        } catch (e) {
          if (isDamageError(e)) throw e
          continue // an automatic or partial index cannot be named in INDEXED BY; quick_check covers it
        }
        read.get()
      }
    }
    return { ok: true }
  } catch (e) {
    if (!isDamageError(e)) throw e
    return { ok: false, problem: `数据库文件结构已损坏（${(e as Error).message}）` }
  }
}

/** The newest backup that passed its own check, offered to the officer when the database is damaged. */
export interface GoodBackup {
  path: string
  /** China local time 'YYYY-MM-DD HH:mm' the backup was made. */
  madeAt: string
}

/**
 * The desk refuses to open a damaged file: writing into it could spread the damage and the officer would not
 * know which records are gone. The message says what to do next: restore the newest good backup.
 */
export class DamagedDatabaseError extends Error {
  constructor(
    public readonly file: string,
    public readonly problem: string,
    public readonly backup: GoodBackup | null = null
  ) {
    super(
      `数据库文件已损坏，为防止损坏扩大，工作台没有打开它。\n文件：${file}\n问题：${problem}\n` +
        (backup
          ? `最新的完好备份：${backup.madeAt}（${backup.path}）。可以从这份备份恢复；恢复时会保留损坏的文件以备修复。`
          : '没有找到可用的备份。请不要删除该文件，联系信息科协助修复。')
    )
    this.name = 'DamagedDatabaseError'
  }
}
