// The main-process polling clock: first poll after a short delay, then every tick; kick() (resume from sleep)
// polls at once; a kick during a poll queues one more, never a second poll in parallel; stop() waits.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createScheduler } from '../../handlers/feeds/scheduler'
import type { Ctx } from '../../handlers/context'
import type { PollReport } from '../../shared/contract/feeds'

afterEach(() => {
  vi.useRealTimers()
})

const ctx = {} as Ctx
const counts = { feeds: 0, succeeded: 0, failed: 0, skipped: 0, notDue: 0, paused: 0, busy: 0, newMentions: 0, newSources: 0 }
const report: PollReport = { at: '', results: [], notDue: 0, paused: 0, counts, summary: '0 个订阅源：成功 0，失败 0，跳过 0；新增舆情 0 条' }

function fakePoll() {
  const calls: { resolve: () => void }[] = []
  let active = 0
  let maxActive = 0
  const poll = () => {
    active++
    maxActive = Math.max(maxActive, active)
    return new Promise<PollReport>((resolve) => calls.push({ resolve: () => { active--; resolve(report) } }))
  }
  return { poll, calls, max: () => maxActive }
}

describe('scheduler', () => {
  it('polls after the first delay, then once per tick', async () => {
    vi.useFakeTimers()
    const f = fakePoll()
    const s = createScheduler(ctx, { tickMs: 60_000, firstDelayMs: 5_000, poll: f.poll })
    s.start()
    await vi.advanceTimersByTimeAsync(4_999)
    expect(f.calls).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(f.calls).toHaveLength(1)
    f.calls[0].resolve()
    await vi.advanceTimersByTimeAsync(59_999)
    expect(f.calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(f.calls).toHaveLength(2)
    f.calls[1].resolve()
    await s.stop()
    await vi.advanceTimersByTimeAsync(600_000)
    expect(f.calls).toHaveLength(2)
  })

  it('kick() polls at once; kicks during a poll coalesce into one more, never two at a time', async () => {
    vi.useFakeTimers()
    const f = fakePoll()
    const s = createScheduler(ctx, { tickMs: 60_000, firstDelayMs: 5_000, poll: f.poll })
    s.start()
    s.kick()
    await vi.advanceTimersByTimeAsync(0)
    expect(f.calls).toHaveLength(1)
    s.kick()
    s.kick()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(f.calls).toHaveLength(1)
    f.calls[0].resolve()
    await vi.advanceTimersByTimeAsync(0)
    expect(f.calls).toHaveLength(2)
    f.calls[1].resolve()
    await vi.advanceTimersByTimeAsync(0)
    expect(f.calls).toHaveLength(2)
    expect(f.max()).toBe(1)
    await s.stop()
  })

  it('a failing poll is reported and the clock keeps going; stop() waits for a poll under way', async () => {
    vi.useFakeTimers()
    const errors: unknown[] = []
    let n = 0
    let finish!: () => void
    const s = createScheduler(ctx, {
      tickMs: 1_000, firstDelayMs: 0, onError: (e) => errors.push(e),
      poll: () => (++n === 1 ? Promise.reject(new Error('数据库忙')) : new Promise<PollReport>((r) => (finish = () => r(report))))
    })
    s.start()
    await vi.advanceTimersByTimeAsync(1_000)
    expect([n, errors.map((e) => (e as Error).message)]).toEqual([2, ['数据库忙']])
    let stopped = false
    const stopping = s.stop().then(() => (stopped = true))
    await vi.advanceTimersByTimeAsync(0)
    expect(stopped).toBe(false)
    finish()
    await stopping
    expect([stopped, s.running]).toEqual([true, false])
  })
})
