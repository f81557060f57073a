// Searching a million mentions the way the 舆情 page does: the mention-list handler with what the page sends when
// the officer types a term (renderer/src/components/watch/MentionList.tsx: 未办结, 200 rows). 团结 is the common
// short query (a 2-character word inside longer words); 民族团结 a full term.
import { dispatch, handlers } from '../../handlers'
import type { Ctx } from '../../handlers/context'
import type { MentionPage } from '../../shared/contract/mentions'
import { metric, timeIt, type Metric } from './measure'

export const SHORT_TERM = '团结'
export const LONG_TERM = '民族团结'

async function firstPage(ctx: Ctx, q: string): Promise<{ rows: number; total: number; capped: boolean }> {
  const r = await dispatch(handlers, ctx, 'mention-list', { q, status: 'open', limit: 200 })
  if (!r.ok) throw new Error(`mention-list：${r.error.message}`)
  const page = r.value as MentionPage
  return { rows: page.rows.length, total: page.total, capped: page.totalCapped === true }
}

export async function searchMetric(ctx: Ctx, q: string, targetMs: number): Promise<Metric> {
  let found = { rows: 0, total: 0, capped: false }
  const s = await timeIt(async () => {
    found = await firstPage(ctx, q)
  })
  if (found.rows === 0) throw new Error(`搜索“${q}”没有结果：生成的数据应能命中`)
  return metric(`舆情搜索“${q}”（首页）`, 'ms', s, { kind: 'max', value: targetMs }, { note: `命中${found.capped ? '超过 ' : ' '}${found.total} 条（未办结），首页 ${found.rows} 条` })
}
