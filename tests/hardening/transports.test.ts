// Hostile payloads through the one entry point every transport uses (extends tests/foundation/contract.test.ts,
// which checks one handler): every handler of the contract, every string field it knows, 10 MB strings, wrong
// types, prototype keys and deep nesting. Nothing may reach a handler as an internal error or take the process down.
import { describe, it, expect, afterAll, beforeAll } from 'vitest'
import { readdirSync, existsSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { contract } from '../../shared/contract'
import { finishedJob } from '../../handlers/jobs/runner'
import { freshDesk, type TestDesk } from '../helpers/desk'

let d: TestDesk
// signed in as the test user holding every role but viewer, so each call passes the permission check and meets the
// validator (a refusal would be a user error too, and would hide a validator that lets garbage through)
beforeAll(() => {
  d = freshDesk()
})
afterAll(() => d.close())

type Path = (string | number)[]
interface Leaf {
  path: Path
  kind: 'string' | 'unknown'
}

/** Every place in a zod schema where a string (or anything at all) is accepted, with its path. */
function stringLeaves(schema: unknown, path: Path = [], out: Leaf[] = [], depth = 0): Leaf[] {
  const def = (schema as { _zod?: { def?: Record<string, any> } })?._zod?.def // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!def || depth > 12) return out
  switch (def.type) {
    case 'string':
      out.push({ path, kind: 'string' })
      break
    case 'unknown':
    case 'any':
      out.push({ path, kind: 'unknown' })
      break
    case 'object':
      for (const [k, v] of Object.entries(def.shape)) stringLeaves(v, [...path, k], out, depth + 1)
      break
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      stringLeaves(def.innerType, path, out, depth + 1)
      break
    case 'pipe':
      stringLeaves(def.in, path, out, depth + 1)
      break
    case 'array':
      stringLeaves(def.element, [...path, 0], out, depth + 1)
      break
    case 'record':
      stringLeaves(def.valueType, [...path, 'key'], out, depth + 1)
      break
    case 'union':
      for (const o of def.options) stringLeaves(o, path, out, depth + 1)
      break
    case 'intersection':
      stringLeaves(def.left, path, out, depth + 1)
      stringLeaves(def.right, path, out, depth + 1)
      break
  }
  return out
}

/** `value` placed at `path` in otherwise empty arguments. */
function argsWith(path: Path, value: unknown): unknown {
  if (path.length === 0) return value
  type Node = Record<string | number, unknown>
  const root = (typeof path[0] === 'number' ? [] : {}) as Node
  let cur = root
  path.forEach((p, i) => {
    const last = i === path.length - 1
    cur[p] = last ? value : typeof path[i + 1] === 'number' ? [] : {}
    cur = cur[p] as Node
  })
  return root
}

// 10 MB of text that is neither base64, nor a date, nor a link, with markup in it.
const TEN_MB = '<script>中'.repeat(Math.ceil((10 * 1024 * 1024) / 11))
const names = Object.keys(contract) as (keyof typeof contract)[]

/**
 * Fields that take a 10 MB string on purpose, and what stops it further in:
 *  - `extra.<key>` of a piece (and of a repeating piece's template): the handler keeps only the channel's known keys
 *    and validates each (unknown dropped);
 *  - `when.name` of a 节点日 rule: only the 节假日 branch of the rule has a name (max 20); the probe's other branch
 *    drops the key it does not know;
 *  - an import file (`base64`: the ledger, the WeChat/微博 statistics export) may be up to 10 MB of file: the import
 *    job decodes and reads it, and refuses junk.
 */
const LARGE_BY_DESIGN = ['piece-create extra.key', 'piece-update extra.key', 'series-create extra.key', 'series-update-future extra.key', 'ledger-import-start base64', 'post-stats-import-start base64', 'planning-rules-save rules.0.when.name']

describe('every handler against hostile arguments', () => {
  it('refuses a 10 MB string in every string field of every handler, naming the field, as a user error', async () => {
    let probes = 0
    const accepted: string[] = []
    for (const name of names) {
      const schema = contract[name].args
      for (const leaf of stringLeaves(schema)) {
        const field = leaf.path.join('.')
        const args = argsWith(leaf.path, TEN_MB)
        const parsed = schema.safeParse(args)
        const named = !parsed.success && parsed.error.issues.some((i) => i.path.length > 0 && field.startsWith(i.path.join('.')))
        const whole = leaf.path.length === 0 && !parsed.success
        if (!named && !whole) {
          accepted.push(`${name} ${field}`)
          continue
        }
        // only arguments the schema refuses are dispatched: no handler runs on garbage here
        const r = await d.invoke(name, args as never)
        probes++
        expect(r.ok, `${name} ${field}`).toBe(false)
        if (r.ok) continue
        expect(r.error.type, `${name} ${field}`).toBe('user')
        expect(r.error.details?.refused, `${name} ${field} was refused, not validated`).toBeUndefined()
        expect(r.error.message.length, `${name} ${field}`).toBeLessThan(400) // the 10 MB is never echoed back
      }
    }
    expect(accepted.sort()).toEqual(LARGE_BY_DESIGN.sort())
    expect(probes).toBeGreaterThan(100)
    console.log(`[transports] ${names.length} 个处理函数，${probes} 个字符串字段各收到 10 MB 字符串，均被拒绝（用户错误）`)
  }, 120_000)

  it('keeps the fields that take a 10 MB string on purpose harmless', async () => {
    const created = await d.call('piece-create', { channel: 'wechat', title: '额外字段', date: '2023-06-01', extra: { junk: TEN_MB } } as never)
    expect(created.extra).toEqual({})
    const updated = await d.call('piece-update', { id: created.id, extra: { junk: TEN_MB } } as never)
    expect(updated.extra).toEqual({})
    const started = await d.call('ledger-import-start', { fileName: '台账.xlsx', base64: TEN_MB })
    const job = await finishedJob(d.ctx, started.jobId)
    expect(job.phase).toBe('failed')
    expect(job.error?.type).toBe('user')
  }, 60_000)

  it('answers wrong types, prototype keys and deep nesting with user errors and pollutes nothing', async () => {
    let deep: unknown = 'x'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    const proto = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"id":1}')
    let calls = 0
    for (const name of names) {
      const garbage: [string, unknown][] = [['42', 42], ['"x"', 'x'], ['true', true], ['[]', []], ['[10 MB]', [TEN_MB]], ['深嵌套', deep]]
      for (const [label, args] of garbage) {
        const r = await d.invoke(name, args as never)
        calls++
        expect(r.ok === false && r.error.type, `${name} ${label}`).toBe('user')
        expect(!r.ok && r.error.details?.refused, `${name} ${label} was refused, not validated`).toBeFalsy()
      }
      // objects are dispatched only where the schema refuses them (a schema that strips unknown keys would run the
      // real handler with its defaults; what it strips never reaches the handler)
      for (const [label, args] of [['{id: 深嵌套}', { id: deep }], ['__proto__', proto]] as [string, unknown][]) {
        if (contract[name].args.safeParse(args).success) continue
        const r = await d.invoke(name, args as never)
        calls++
        expect(r.ok === false && r.error.type, `${name} ${label}`).toBe('user')
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(calls).toBeGreaterThan(names.length * 7)
  }, 120_000)

  it('answers unknown handler names of every shape without echoing them at length', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', ' app-state', 'APP-STATE', 'x'.repeat(1_000_000), 42, null, {}, ['app-state'], { toString: 'x' }, { toString: () => 'app-state' }, Symbol('app-state')]) {
      const r = await d.invoke(name as never, {} as never)
      expect(r.ok).toBe(false)
      if (r.ok) continue
      expect(r.error.type).toBe('user')
      expect(r.error.message).toMatch(/^未知的操作：/)
      expect(r.error.message.length).toBeLessThanOrEqual(66)
    }
  })
})

describe('paths a caller may name', () => {
  it('no handler takes a file-system path: a file is named by id, by an upload id, or by a checked backup name', () => {
    const pathy = names.flatMap((name) =>
      stringLeaves(contract[name].args)
        .map((l) => l.path.filter((p) => typeof p === 'string').join('.'))
        .filter((f) => /path|dir|folder|^file$|\.file$|out$|dest/i.test(f))
        .map((f) => `${name} ${f}`)
    )
    // The one exception, on purpose (#13): the administrator names the folder backups go to (a USB stick, a share).
    // It must be absolute and already exist; the desk only writes its own backup files there, never reads others.
    const BACKUP_FOLDER = ['backup-folder-check folder', 'backup-folder-save folder']
    expect(pathy).toEqual(BACKUP_FOLDER)
    for (const n of ['backup-folder-check', 'backup-folder-save'] as const) expect(contract[n].who).toEqual(['admin'])
  })

  it('a traversal in an attachment name stays a name: stored cleaned, opened only inside the data folder', async () => {
    const piece = await d.call('piece-create', { channel: 'wechat', title: '佐证测试', date: '2023-06-01' })
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64')
    const names = ['../../../../etc/passwd.png', '..\\..\\..\\Windows\\win.ini.png', '/tmp/evil.png', 'C:\\evil.png', '\\\\server\\share\\x.png', 'a/../../b.png', '%2e%2e%2fx.png', '\u202egnp.exe']
    const dataDir = resolve(d.ctx.dataDir)
    for (const fileName of names) {
      const r = await d.invoke('evidence-add', { pieceId: piece.id, fileName, dataBase64: png })
      if (!r.ok) {
        expect(r.error.type).toBe('user') // refused outright is fine too (e.g. a type that is not allowed)
        continue
      }
      expect(r.value.fileName).not.toMatch(/[\\/]|^\.\./)
      const opened = await d.call('evidence-path', { id: r.value.id })
      expect(resolve(opened.path).startsWith(dataDir + sep)).toBe(true)
      await d.call('evidence-remove', { id: r.value.id })
    }
    // nothing was written next to the data folder
    expect(readdirSync(d.dir).filter((n) => !['desk-data', 'desk.sqlite', 'desk.sqlite-wal', 'desk.sqlite-shm'].includes(n))).toEqual([])
    expect(existsSync(join(d.dir, 'etc'))).toBe(false)
  })
})
