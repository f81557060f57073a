/** The generator's clock: each record is written "on the day it happened", so created/fetched stamps look real. */
export interface Clock {
  now(): Date
  set(iso: string): void
}

export function makeClock(start: string): Clock {
  let t = new Date(start)
  return {
    now: () => t,
    set: (iso) => {
      t = new Date(iso)
    }
  }
}
