/** Minimal argv helpers: the CLI's flags are few and documented in `desk help`. */
export function argValue(argv: string[], flag: string): string | null {
  const i = argv.indexOf(flag)
  if (i >= 0 && i + 1 < argv.length) return argv[i + 1]
  const eq = argv.find((a) => a.startsWith(flag + '='))
  return eq ? eq.slice(flag.length + 1) : null
}

export function hasFlag(argv: string[], flag: string): boolean {
  return argv.includes(flag)
}

/**
 * Take the first `flag VALUE` (or `flag=VALUE`) out of argv; later ones stay for the command (so `audit list` may
 * take a `--user` of its own after the signing-in one). `value` is '' when the flag has no value.
 */
export function takeFlag(argv: string[], flag: string): { value: string | null; rest: string[] } {
  const i = argv.findIndex((a) => a === flag || a.startsWith(flag + '='))
  if (i < 0) return { value: null, rest: argv }
  const a = argv[i]
  if (a !== flag) return { value: a.slice(flag.length + 1), rest: [...argv.slice(0, i), ...argv.slice(i + 1)] }
  return { value: argv[i + 1] ?? '', rest: [...argv.slice(0, i), ...argv.slice(i + 2)] }
}

/** Positional arguments with the given value-taking flags (and their values) and boolean flags removed. */
export function positionals(argv: string[], valueFlags: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (valueFlags.includes(a)) i++
    else if (!a.startsWith('--')) out.push(a)
  }
  return out
}
