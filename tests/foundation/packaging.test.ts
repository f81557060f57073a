import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { load } from 'js-yaml'

const cfg = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const pkg = JSON.parse(readFileSync('package.json', 'utf8'))

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

  it('sets the Electron fuses: no run-as-node, NODE_OPTIONS or inspect; asar integrity; app only from asar', () => {
    expect(cfg.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true
    })
  })
})
