// Secrets inside settings (a group robot's webhook address, its signing key): declared per key in
// shared/settings.ts as paths, and handled here, once, for every key that has them. Only the code that sends
// reads the real value; the 操作日志 and everything the window reads back get the masked form (…后4位), and a save
// that hands the masked form back unchanged keeps the stored secret.
//
// A path is dot-separated; '*' walks every element of a list, and a list's elements pair with the stored ones by
// their `id` when they have one (a reordered list keeps each target's own secret), else by position.

export type SecretPath = string

export const MASK = '…'

/** '…' and the last 4 characters; a secret of 8 characters or fewer shows none of them. '' stays ''. */
export function maskSecret(s: string): string {
  if (s === '') return s
  return MASK + (s.length > 8 ? s.slice(-4) : '')
}

export const isMasked = (v: unknown): v is string => typeof v === 'string' && v.startsWith(MASK)

type Leaf = (value: unknown, stored: unknown, field: string) => unknown

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

function counterpart(list: unknown, el: unknown, index: number): unknown {
  if (!Array.isArray(list)) return undefined
  if (isRecord(el) && el.id !== undefined) return list.find((x) => isRecord(x) && x.id === el.id)
  return list[index]
}

function walk(value: unknown, stored: unknown, segs: readonly string[], leaf: Leaf, field: string): unknown {
  if (segs.length === 0) return leaf(value, stored, field)
  const [seg, ...rest] = segs
  if (seg === '*') {
    if (!Array.isArray(value)) return value
    return value.map((el, i) => walk(el, counterpart(stored, el, i), rest, leaf, field))
  }
  if (!isRecord(value) || !(seg in value)) return value
  return { ...value, [seg]: walk(value[seg], isRecord(stored) ? stored[seg] : undefined, rest, leaf, seg) }
}

function each(value: unknown, stored: unknown, paths: readonly SecretPath[], leaf: Leaf): unknown {
  let out = value
  for (const p of paths) out = walk(out, stored, p.split('.'), leaf, p)
  return out
}

/** A copy of `value` with every secret masked. */
export function maskSecrets<T>(value: T, paths: readonly SecretPath[]): T {
  if (paths.length === 0) return value
  return each(value, undefined, paths, (v) => (typeof v === 'string' ? maskSecret(v) : v)) as T
}

/**
 * The value to store from what a form sent: a secret sent back in its masked form (unchanged by the person) is
 * the stored one again. A masked form that matches no stored secret (the target is new, or the stored secret is
 * another) cannot be restored: its field is returned in `unknown`, for the caller's Chinese error.
 */
export function restoreSecrets<T>(input: T, stored: unknown, paths: readonly SecretPath[]): { value: T; unknown: string[] } {
  const unknown: string[] = []
  if (paths.length === 0) return { value: input, unknown }
  const value = each(input, stored, paths, (v, old, field) => {
    if (!isMasked(v)) return v
    if (typeof old === 'string' && maskSecret(old) === v) return old
    unknown.push(field)
    return v
  }) as T
  return { value, unknown }
}
