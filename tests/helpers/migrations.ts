// A migrations folder that stops at one migration, so a test can build a desk as an older version left it, seed
// it, and then open it with every migration (STYLE.md lesson 7: migrate to N-1, seed, migrate to N, assert).
import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readJournal, SOURCE_MIGRATIONS } from '../../db/open'

export function migrationsUpTo(dir: string, tag: string): string {
  const folder = join(dir, 'migrations')
  cpSync(SOURCE_MIGRATIONS, folder, { recursive: true })
  const journal = readJournal(SOURCE_MIGRATIONS)
  const last = journal.entries.findIndex((e) => e.tag === tag)
  if (last < 0) throw new Error(`no migration ${tag}`)
  journal.entries = journal.entries.slice(0, last + 1)
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal))
  return folder
}
