// The layering is enforced here, not remembered (STYLE.md lesson 8):
//   renderer/  may import only renderer/ and shared/ (and browser packages) — never electron, db/, handlers/,
//              services/ or Node built-ins;
//   shared/    is imported by both sides, so it may not import node built-ins, electron, db/ or handlers/;
//   handlers/, db/, services/ never import electron;
//   and no module imports itself round a cycle (a → b → … → a), in any folder: a cycle means two modules that
//   are really one, or a piece in the wrong room.
// Run by `npm run build` and `npm test`. Exit 1 with every violation listed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, dirname, sep } from 'node:path'
import { builtinModules } from 'node:module'

const root = resolve(process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), '..'))
const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])
const NODE_ONLY_PACKAGES = ['better-sqlite3', 'drizzle-orm', 'rss-parser', 'iconv-lite', 'exceljs', 'docx', 'opencc-js', 'playwright-core']

function files(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...files(p))
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(name)) out.push(p)
  }
  return out
}

function imports(file) {
  const src = readFileSync(file, 'utf8')
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm
  const out = []
  for (const m of src.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4])
  return out
}

function target(file, spec) {
  return spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)).split(sep).join('/') : null
}

const rules = [
  {
    dir: 'renderer',
    check: (spec, t) =>
      spec === 'electron' || NODE.has(spec) || NODE_ONLY_PACKAGES.some((p) => spec === p || spec.startsWith(p + '/'))
        ? `不能导入 ${spec}（渲染进程没有 Node 权限）`
        : t && !t.startsWith('renderer/') && !t.startsWith('shared/')
          ? `只能导入 renderer/ 与 shared/，不能导入 ${t}`
          : null
  },
  {
    dir: 'shared',
    check: (spec, t) =>
      spec === 'electron' || NODE.has(spec) || NODE_ONLY_PACKAGES.some((p) => spec === p || spec.startsWith(p + '/'))
        ? `shared/ 被渲染进程使用，不能导入 ${spec}`
        : t && !t.startsWith('shared/')
          ? `shared/ 不能导入 ${t}`
          : null
  },
  ...['handlers', 'db', 'services'].map((dir) => ({
    dir,
    check: (spec) => (spec === 'electron' || spec.startsWith('electron/') ? `${dir}/ 不能导入 electron（处理函数必须与传输层无关）` : null)
  }))
]

const problems = []
for (const { dir, check } of rules) {
  if (!existsSync(join(root, dir))) continue
  for (const file of files(join(root, dir))) {
    for (const spec of imports(file)) {
      const why = check(spec, target(file, spec))
      if (why) problems.push(`${relative(root, file)}: ${why}`)
    }
  }
}
// Import cycles, across every folder of the app (type-only imports included: they tie the modules together too).
const FOLDERS = ['renderer', 'shared', 'handlers', 'db', 'services', 'electron', 'scripts']
function resolveFile(from, spec) {
  const base = resolve(dirname(from), spec).replace(/\.(js|mjs)$/, '')
  for (const cand of [base, `${base}.ts`, `${base}.tsx`, `${base}.mjs`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(cand) && statSync(cand).isFile()) return cand
  }
  return null
}
const graph = new Map()
for (const dir of FOLDERS) {
  if (!existsSync(join(root, dir))) continue
  for (const file of files(join(root, dir))) {
    graph.set(file, imports(file).filter((s) => s.startsWith('.')).map((s) => resolveFile(file, s)).filter(Boolean))
  }
}
const state = new Map() // 1 = on the path, 2 = done
const seen = new Set()
function walk(file, path) {
  state.set(file, 1)
  path.push(file)
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === 1) {
      const cycle = path.slice(path.indexOf(next)).concat(next).map((f) => relative(root, f).split(sep).join('/'))
      const key = [...cycle].slice(0, -1).sort().join(' ')
      if (!seen.has(key)) {
        seen.add(key)
        problems.push(`循环导入：${cycle.join(' → ')}`)
      }
    } else if (!state.has(next)) walk(next, path)
  }
  path.pop()
  state.set(file, 2)
}
for (const file of graph.keys()) if (!state.has(file)) walk(file, [])

if (problems.length) {
  console.error('分层检查未通过：\n' + problems.map((p) => '  ' + p).join('\n'))
  process.exit(1)
}
console.log('分层检查通过')
