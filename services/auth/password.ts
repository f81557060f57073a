// Passwords are kept only as scrypt hashes (a slow, memory-hard KDF from node:crypto): never in clear, never logged.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

const N = 2 ** 15
const R = 8
const P = 1
const KEY_LEN = 32
const MAXMEM = 64 * 1024 * 1024

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LEN, { N: n, r, p, maxmem: MAXMEM }, (e, key) => (e ? reject(e) : resolve(key)))
  )
}

/** `scrypt$N$r$p$salt$hash` (base64): the parameters travel with the hash, so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, N, R, P)
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$')
  if (kind !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p))
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** A Chinese reason the password is too weak, or null. */
export function weakPassword(password: string, name: string): string | null {
  if (password.length < 8) return '密码至少 8 位'
  if (password.length > 200) return '密码不能超过 200 位'
  if (/^(.)\1*$/.test(password)) return '密码不能全是同一个字符'
  if (password === name) return '密码不能与用户名相同'
  if (/^\d+$/.test(password) && '0123456789012345678901234567890'.includes(password)) return '密码不能是连续数字'
  return null
}

/** Wrong passwords wait longer each time: 0, 1, 2, 4 … seconds, at most 5 minutes (counted per user). */
export function signInDelaySeconds(failures: number): number {
  if (failures < 3) return 0
  return Math.min(2 ** (failures - 3), 300)
}
