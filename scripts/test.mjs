// `npm test`: the one test command a newcomer and CI run. It prepares what the tests need (Chromium and CJK fonts
// on Debian/Ubuntu, a Node build of better-sqlite3, the built bundles) and runs every suite under two time zones,
// because dates are China's calendar dates whatever the machine's zone.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const started = Date.now()
function step(title, cmd, args, env = {}) {
  console.log(`\n▶ ${title}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' })
  if (r.status !== 0) {
    console.error(`\n✗ ${title} 失败（退出码 ${r.status}）`)
    process.exit(r.status ?? 1)
  }
}

function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' })
  return r.status === 0 && /Noto (Sans|Serif) CJK/.test(r.stdout)
}

const hasCommand = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0

/** Debian packages the tests need that this machine lacks: Chromium and CJK fonts, LibreOffice and poppler to print. */
function missingPackages() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  const missing = []
  if (!existsSync(chromium)) missing.push('chromium')
  if (process.platform === 'linux' && !hasCjkFont()) missing.push('fonts-noto-cjk')
  if (!hasCommand('soffice')) missing.push('libreoffice-writer-nogui', 'libreoffice-calc-nogui')
  else if (!existsSync('/usr/lib/libreoffice/program/libsclo.so')) missing.push('libreoffice-calc-nogui')
  if (!hasCommand('pdftoppm')) missing.push('poppler-utils')
  return missing
}

function ensureSystemPackages() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  const missing = missingPackages()
  if (missing.length === 0) return
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
    console.error(`测试需要 Chromium（${chromium}）、中文字体、LibreOffice 与 poppler-utils；请安装 ${missing.join(' ')} 后（Chromium 另设 CHROMIUM_PATH）再运行。`)
    process.exit(1)
  }
  const root = process.getuid?.() === 0
  const sudo = root ? [] : ['sudo', '-n']
  const run = (args) => step(`安装系统软件包：${args.slice(-2).join(' ')}`, sudo[0] ?? args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), { DEBIAN_FRONTEND: 'noninteractive' })
  run(['apt-get', 'update', '-qq'])
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing])
}

ensureSystemPackages()
step('better-sqlite3 与 Node 版本匹配', process.execPath, ['scripts/native-abi.mjs', 'node'])
step('分层检查', process.execPath, ['scripts/check-boundaries.mjs'])
step('类型检查', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit'])
step('类型检查（渲染进程）', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit'])
step('构建（electron-vite build）', 'npx', ['electron-vite', 'build', '--logLevel', 'warn'])
step('测试（TZ=Asia/Shanghai）', 'npx', ['vitest', 'run'], { TZ: 'Asia/Shanghai' })
step('测试（TZ=UTC）', 'npx', ['vitest', 'run'], { TZ: 'UTC' })
step('打印检查（LibreOffice 渲染 Word 草稿、Excel 与舆情报告）', 'npx', ['vitest', 'run'], { TZ: 'Asia/Shanghai', DESK_RENDER: '1' })
console.log(`\n✓ 全部通过，用时 ${Math.round((Date.now() - started) / 1000)} 秒`)
