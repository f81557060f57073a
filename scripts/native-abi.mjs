// Makes better-sqlite3's native build match the runtime about to start, and does nothing when it already does.
//   node scripts/native-abi.mjs node      – tests, CLI, web bridge (never runs an Electron rebuild: offline it
//                                           deletes the working build, see TOOLCHAIN.md)
//   node scripts/native-abi.mjs electron  – `npm start` / packaging
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const target = process.argv[2]
const quiet = process.argv.includes('--quiet')
const probe = "const D=require('better-sqlite3'); new D(':memory:').close()"
const say = (m) => quiet || console.log(`[native-abi] ${m}`)

function loads(cmd, env = {}) {
  const r = spawnSync(cmd, ['-e', probe], { env: { ...process.env, ...env }, encoding: 'utf8' })
  return { ok: r.status === 0, err: (r.stderr || '') + (r.error ? String(r.error) : '') }
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

function installed() {
  try {
    require.resolve('better-sqlite3')
    return true
  } catch {
    return false
  }
}

if (!installed()) {
  // A fresh clone: rebuilding cannot help, and the compiler hint would send the newcomer the wrong way.
  console.error('尚未安装依赖（找不到 better-sqlite3），请先在项目目录运行 npm install。')
  process.exit(1)
}

if (target === 'node') {
  if (loads(process.execPath).ok) process.exit(0)
  say('better-sqlite3 不是为当前 Node 编译的，正在重新编译（约 1 分钟）…')
  run('npm', ['rebuild', 'better-sqlite3'])
  if (!loads(process.execPath).ok) {
    console.error('better-sqlite3 编译后仍无法在 Node 中加载，请检查 python3、make、g++ 是否已安装。')
    process.exit(1)
  }
} else if (target === 'electron') {
  let electron
  try {
    electron = require('electron') // the path of the binary; downloads it on first use
  } catch (e) {
    console.error(`无法获取 Electron 程序：${e.message}\n需要联网下载 Electron；在无外网的构建机上请使用 npm run web（浏览器模式）。`)
    process.exit(1)
  }
  const env = { ELECTRON_RUN_AS_NODE: '1' }
  if (loads(electron, env).ok) process.exit(0)
  say('better-sqlite3 不是为 Electron 编译的，正在为 Electron 重新编译…')
  const version = require('electron/package.json').version
  run('npx', ['electron-rebuild', '--force', '--only', 'better-sqlite3', '--version', version])
  const after = loads(electron, env)
  if (!after.ok) {
    console.error(`为 Electron 编译 better-sqlite3 失败：${after.err.slice(0, 400)}`)
    process.exit(1)
  }
} else {
  console.error('用法：node scripts/native-abi.mjs node|electron')
  process.exit(2)
}
