// The clock every background duty runs on. A setTimeout chain rather than setInterval: a slow run never overlaps
// the next, and after the laptop sleeps `kick()` (on 'resume') runs at once instead of waiting out a timer that
// slept too.

export interface ClockOptions {
  /** Delay before the first run, so starting the app stays quick. */
  firstDelayMs: number
  /** Time between the end of one run and the start of the next. */
  everyMs: number
}

export interface Clock {
  start(): void
  /** Run now (after resume from sleep, or when asked); coalesces with a run under way. */
  kick(): void
  /** Stops the clock and waits for a run under way to finish. */
  stop(): Promise<void>
  readonly running: boolean
}

/** `run` is called on the clock; what it throws goes to `onError` and the clock keeps going. */
export function createClock(run: () => Promise<unknown>, o: ClockOptions, onError: (e: unknown) => void = console.error): Clock {
  let timer: ReturnType<typeof setTimeout> | null = null
  let current: Promise<void> | null = null
  let again = false
  let started = false

  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer)
    timer = started ? setTimeout(tick, ms) : null
  }

  function tick(): void {
    timer = null
    if (!started) return
    if (current) {
      again = true // a kick during a run: one more right after, not two at once
      return
    }
    current = run()
      .then(() => undefined, onError)
      .finally(() => {
        current = null
        if (again) {
          again = false
          schedule(0)
        } else schedule(o.everyMs)
      })
  }

  return {
    start() {
      if (started) return
      started = true
      schedule(o.firstDelayMs)
    },
    kick() {
      if (!started) return
      if (current) again = true
      else schedule(0)
    },
    async stop() {
      started = false
      if (timer) clearTimeout(timer)
      timer = null
      await current
    },
    get running() {
      return started
    }
  }
}
