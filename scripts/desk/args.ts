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
