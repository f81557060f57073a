// vitest globalSetup: the CLI (scripts/desk.ts) bundled once per run, so each test's `npm run desk` child starts in
// well under a second instead of transpiling the whole handler tree through tsx again (3–8 s a spawn, the largest
// share of the suite's time). The same source, built by the same esbuild tsx uses; packages stay external.
import { build } from 'esbuild'
import { cpSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const CLI_BUNDLE_DIR = join(process.cwd(), 'node_modules', '.cache', 'desk-cli')

export default async function setup(): Promise<void> {
  mkdirSync(CLI_BUNDLE_DIR, { recursive: true })
  const out = await build({
    entryPoints: [join(process.cwd(), 'scripts', 'desk.ts')],
    outfile: join(CLI_BUNDLE_DIR, 'desk.mjs'),
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // 20.10: the first Node with import attributes, which the JSON data of chinese-days is imported with
    target: 'node20.10',
    packages: 'external',
    logLevel: 'warning'
  })
  // Written beside and renamed into place: another test run building at the same time never sees half a file.
  const tmp = join(CLI_BUNDLE_DIR, `desk.${process.pid}.mjs`)
  writeFileSync(tmp, out.outputFiles[0].contents)
  renameSync(tmp, join(CLI_BUNDLE_DIR, 'desk.mjs'))
  // db/open.ts finds its migrations beside the module (SOURCE_MIGRATIONS): beside the bundle, here.
  cpSync(join(process.cwd(), 'db', 'migrations'), join(CLI_BUNDLE_DIR, 'migrations'), { recursive: true })
}
