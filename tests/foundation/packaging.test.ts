import { describe, it, expect } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { load } from 'js-yaml'

const cfg = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
const OUT = join(process.cwd(), process.env.DESK_OUT_DIR ?? 'out')
function built(file: string): string {
  if (!existsSync(join(OUT, 'main', 'index.js'))) throw new Error('先运行 electron-vite build（npm test 会自动构建）')
  return readFileSync(join(OUT, file), 'utf8')
}

describe('packaging config', () => {
  it('names the product, ships the migrations and unpacks the native module', () => {
    expect(cfg.productName).toBe('宣传舆情工作台')
    expect(cfg.files).toEqual(expect.arrayContaining(['out/**', 'db/migrations/**']))
    expect(cfg.asarUnpack).toContain('node_modules/better-sqlite3/**')
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^\^12/) // 13.x segfaults on Node 20; must stay a runtime dependency
    expect(pkg.main).toBe('out/main/index.js')
  })

  it('builds Windows NSIS x64 and Linux deb + AppImage for x64 and arm64', () => {
    expect(cfg.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(cfg.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] }
    ])
  })

  it('sets exactly the intended Electron fuses: no run-as-node, NODE_OPTIONS or inspect; asar only and checked; file:// like a browser', () => {
    expect(cfg.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      // file:// pages get no extra privileges — which is why the renderer is served from app://desk (issue 10)
      grantFileProtocolExtraPrivileges: false
    })
    expect(cfg.asar).not.toBe(false) // onlyLoadAppFromAsar needs the archive
  })
})

// What the installed app will look for, checked from the build output and the sources (the packaged app itself can
// only be built and started on a machine with the internet; see electron-builder.yml).
describe('packaged paths', () => {
  it('ships the bundles: main, and the preload and renderer the main bundle names, inside out/', () => {
    expect(cfg.files).toContain('out/**')
    expect(existsSync(join(OUT, 'main', 'index.js'))).toBe(true)
    const main = built('main/index.js')
    const named = [...main.matchAll(/join\(\w+, "(\.\.\/(?:preload|renderer)[^"]*)"\)/g)].map((m) => m[1]).sort()
    expect(named).toEqual(['../preload/index.cjs', '../renderer'])
    expect(existsSync(join(OUT, 'preload', 'index.cjs'))).toBe(true)
    expect(existsSync(join(OUT, 'renderer', 'index.html'))).toBe(true)
    // the window loads the app's scheme, never a file (with the fuse off a file:// page stays blank)
    expect(main).toMatch(/\.loadURL\(/)
    expect(main).not.toMatch(/\.loadFile\(/)
  })

  it('ships db/migrations and finds it from app.getAppPath(), where electron-builder puts it', () => {
    expect(cfg.files).toContain('db/migrations/**')
    expect(cfg.files.filter((f: string) => f.startsWith('!'))).toEqual(['!**/*.map']) // no exclusion reaches the migrations
    const shell = readFileSync('electron/main/index.ts', 'utf8')
    expect(shell).toMatch(/migrationsFolder: join\(app\.getAppPath\(\), 'db', 'migrations'\)/)
    expect(built('main/index.js')).toMatch(/join\(app\.getAppPath\(\), "db", "migrations"\)/)
    const journal = JSON.parse(readFileSync('db/migrations/meta/_journal.json', 'utf8')) as { entries: { tag: string }[] }
    expect(journal.entries.length).toBeGreaterThan(0)
    for (const e of journal.entries) expect([e.tag, existsSync(join('db', 'migrations', `${e.tag}.sql`))]).toEqual([e.tag, true])
  })

  it('unpacks better-sqlite3 from the asar and keeps it out of the bundle', () => {
    expect(cfg.asarUnpack).toContain('node_modules/better-sqlite3/**')
    expect(pkg.dependencies['better-sqlite3']).toBeDefined()
    // The desk's thread opens the database; the main bundle reaches it only to restore a damaged file. Both import
    // the package (found in app.asar.unpacked), neither carries a copy of it.
    const thread = built('main/desk-thread.js')
    const shared = [...thread.matchAll(/from "\.\/(chunks\/[^"]+)"/g)].map((m) => built(`main/${m[1]}`))
    expect([thread, ...shared].join('\n')).toMatch(/from "better-sqlite3"|require\("better-sqlite3"\)/)
    expect(built('main/index.js')).not.toContain('dashboard-summary')
  })

  it('runs the desk in its own thread, built beside the main bundle', () => {
    expect(built('main/index.js')).toContain('desk-thread.js')
    expect(built('main/desk-thread.js')).toContain('dashboard-summary')
  })
})
