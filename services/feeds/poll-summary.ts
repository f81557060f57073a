// What one poll did, in one sentence the officer can trust: how many feeds there are, how many were fetched
// successfully, which failed and why, how many were skipped (not due, 已停用, already being fetched), and what
// came in. The 立即抓取 button, the CLI and the polling duty all show this sentence; it is computed only here.
import type { FeedPollResult, PollCounts } from '../../shared/contract/feeds'

/** Failures named in the sentence; the rest are counted (另有 N 个) and every one is listed feed by feed with it. */
export const NAMED_FAILURES = 3

const SUCCEEDED = new Set<FeedPollResult['outcome']>(['new', 'unchanged', 'not-modified'])

export function pollCounts(results: readonly FeedPollResult[], notDue: number, paused: number): PollCounts {
  const succeeded = results.filter((r) => SUCCEEDED.has(r.outcome)).length
  const failed = results.filter((r) => r.outcome === 'error').length
  const busy = results.filter((r) => r.outcome === 'busy').length
  return {
    feeds: results.length + notDue + paused,
    succeeded,
    failed,
    skipped: busy + notDue + paused,
    notDue,
    paused,
    busy,
    newMentions: results.reduce((n, r) => n + r.newMentions, 0),
    newSources: results.reduce((n, r) => n + r.newSources, 0)
  }
}

/** A feed's reason without the reassurance every retryable error ends with (the list below keeps it). */
function reason(message: string): string {
  return message.replace(/，稍后会自动重试$/, '')
}

/** e.g. 6 个订阅源：成功 0，失败 6（县卫健委：连接服务器超时（ETIMEDOUT）；…），跳过 0；新增舆情 0 条 */
export function pollSummary(results: readonly FeedPollResult[], c: PollCounts): string {
  const failures = results.filter((r) => r.outcome === 'error')
  const named = failures.slice(0, NAMED_FAILURES).map((r) => `${r.name || '未命名订阅源'}：${reason(r.message)}`)
  if (failures.length > NAMED_FAILURES) named.push(`另有 ${failures.length - NAMED_FAILURES} 个`)
  const skippedWhy = [
    c.notDue ? `未到抓取时间 ${c.notDue}` : '',
    c.paused ? `已停用 ${c.paused}` : '',
    c.busy ? `正在抓取中 ${c.busy}` : ''
  ].filter(Boolean)
  return [
    `${c.feeds} 个订阅源：成功 ${c.succeeded}`,
    `，失败 ${c.failed}${named.length ? `（${named.join('；')}）` : ''}`,
    `，跳过 ${c.skipped}${skippedWhy.length ? `（${skippedWhy.join('，')}）` : ''}`,
    `；新增舆情 ${c.newMentions} 条${c.newSources ? `，新增来源 ${c.newSources} 个` : ''}`
  ].join('')
}
