// The half-year report and the monthly tally on the ten-year desk. The report's floor is one hand-written SQL
// statement computing the same counts (checked equal below, so the floor cannot quietly do less work).
import { dispatch, handlers } from '../../handlers'
import type { Ctx } from '../../handlers/context'
import { buildFigureSet, figureValues } from '../../handlers/reports/figures'
import { parsePeriod } from '../../shared/periods'
import { COUNTED_STATUSES } from '../../shared/channels'
import { addDays, chinaDayStart } from '../../shared/dates'
import type { TallyView } from '../../shared/contract/tallies'
import { metric, timeIt, timePair, type Metric } from './measure'
import { REPORT_HALF, TALLY_MONTH } from './sizes'

const COUNTED = COUNTED_STATUSES.map((s) => `'${s}'`).join(',')

/**
 * Every count of the half-year in one statement: one materialized pass over the period's counted pieces (date
 * index), one over its mentions grouped by sentiment × grade (each group a range of mentions_class_idx, so no
 * mention row is read), unpivoted to (key, value) rows under the report's keys.
 */
const FLOOR_SQL = `
WITH p AS MATERIALIZED (
  SELECT id, channel, status, outlet_level, paid, department, quantity, reach, reads, extra
  FROM pieces WHERE date BETWEEN @from AND @to AND +status IN (${COUNTED})
),
s AS MATERIALIZED (SELECT * FROM p WHERE channel IN ('media', 'gov_report') AND NOT paid),
m AS MATERIALIZED (
  SELECT sentiment, grade, count(*) AS n, coalesce(sum(status = 'closed' AND closed_at < @end), 0) AS closed
  FROM mentions WHERE sentiment IN ('正面', '中性', '负面') AND grade IN ('一般', '较大', '重大') AND day BETWEEN @from AND @to
  GROUP BY sentiment, grade
)
SELECT 'pieces.total' AS key, count(*) AS value FROM p
UNION ALL SELECT 'channel.' || channel || '.count', count(*) FROM p GROUP BY channel
UNION ALL SELECT 'channel.' || channel || '.quantity', sum(quantity) FROM p GROUP BY channel HAVING sum(quantity) > 0
UNION ALL SELECT 'channel.' || channel || '.reach', sum(reach) FROM p GROUP BY channel HAVING sum(reach) > 0
UNION ALL SELECT 'channel.' || channel || '.reads', sum(reads) FROM p GROUP BY channel HAVING sum(reads) > 0
UNION ALL SELECT 'submissions.submitted', count(*) FROM s
UNION ALL SELECT 'submissions.submitted.' || coalesce(outlet_level, '未注明级别'), count(*) FROM s GROUP BY 1
UNION ALL SELECT 'submissions.accepted', count(*) FROM s WHERE status = 'accepted'
UNION ALL SELECT 'submissions.accepted.' || coalesce(outlet_level, '未注明级别'), count(*) FROM s WHERE status = 'accepted' GROUP BY 1
UNION ALL SELECT 'theme.' || t.theme, count(*) FROM p JOIN piece_themes t ON t.piece_id = p.id GROUP BY t.theme
UNION ALL SELECT 'department.' || coalesce(nullif(department, ''), '未填科室'), count(*) FROM p GROUP BY 1
UNION ALL SELECT 'wechat.original', count(*) FROM p WHERE channel = 'wechat' AND json_extract(extra, '$.original') IN (1, 'true') HAVING count(*) > 0
UNION ALL SELECT 'ethnic.bilingual', count(*) FROM p WHERE json_array_length(extra, '$.languages') > 0 HAVING count(*) > 0
UNION ALL SELECT 'meeting.notes', sum(json_extract(extra, '$.notesCount')) FROM p WHERE channel = 'meeting' HAVING sum(json_extract(extra, '$.notesCount')) > 0
UNION ALL SELECT 'meeting.reflections', sum(json_extract(extra, '$.reflectionsCount')) FROM p WHERE channel = 'meeting' HAVING sum(json_extract(extra, '$.reflectionsCount')) > 0
UNION ALL SELECT 'mentions.total', coalesce(sum(n), 0) FROM m
UNION ALL SELECT 'mentions.positive', coalesce(sum(n), 0) FROM m WHERE sentiment = '正面'
UNION ALL SELECT 'mentions.neutral', coalesce(sum(n), 0) FROM m WHERE sentiment = '中性'
UNION ALL SELECT 'mentions.negative', coalesce(sum(n), 0) FROM m WHERE sentiment = '负面'
UNION ALL SELECT 'mentions.general', coalesce(sum(n), 0) FROM m WHERE grade = '一般'
UNION ALL SELECT 'mentions.serious', coalesce(sum(n), 0) FROM m WHERE grade = '较大'
UNION ALL SELECT 'mentions.major', coalesce(sum(n), 0) FROM m WHERE grade = '重大'
UNION ALL SELECT 'mentions.closed', coalesce(sum(closed), 0) FROM m`

export function floorCounts(ctx: Ctx, from: string, to: string): Record<string, number> {
  const end = chinaDayStart(addDays(to, 1))
  const rows = ctx.desk.sqlite.prepare(FLOOR_SQL).all({ from, to, end }) as { key: string; value: number }[]
  return Object.fromEntries(rows.map((r) => [r.key, r.value]))
}

/** The floor must compute what the report computes: every floor key equal to the report's figure. */
function checkSameCounts(ctx: Ctx): number {
  const period = parsePeriod(REPORT_HALF.label)
  const ours = figureValues(buildFigureSet(ctx.desk.db, period))
  const floor = floorCounts(ctx, period.from, period.to)
  const wrong = Object.entries(floor).filter(([k, v]) => (ours[k] ?? 0) !== v)
  if (wrong.length > 0) throw new Error(`基线查询与报告数字不一致：${wrong.slice(0, 5).map(([k, v]) => `${k} 基线 ${v}，报告 ${ours[k]}`).join('；')}`)
  return Object.keys(floor).length
}

export async function reportHalfyear(ctx: Ctx): Promise<Metric> {
  const keys = checkSameCounts(ctx)
  let figures = 0
  const { ours, floor } = await timePair(async () => {
    const r = await dispatch(handlers, ctx, 'report-preview', { period: REPORT_HALF.label })
    if (!r.ok) throw new Error(`report-preview：${r.error.message}`)
    figures = (r.value as { figures: unknown[] }).figures.length
  }, () => floorCounts(ctx, REPORT_HALF.from, REPORT_HALF.to))
  return metric(`半年报告（${REPORT_HALF.label}，全部数字）`, 'ms', ours, { kind: 'max-ratio', value: 1.5 }, {
    floor: { ...floor, label: '一条手写 SQL 聚合' },
    note: `报告 ${figures} 项数字；基线算同样的 ${keys} 项并逐项核对相等`
  })
}

export async function tallyMonth(ctx: Ctx): Promise<Metric> {
  let figures = 0
  const s = await timeIt(async () => {
    const r = await dispatch(handlers, ctx, 'tally-get', { period: TALLY_MONTH })
    if (!r.ok) throw new Error(`tally-get：${r.error.message}`)
    figures = (r.value as TallyView).set.figures.length
  })
  return metric(`月度统计（${TALLY_MONTH}）`, 'ms', s, { kind: 'max', value: 20 }, { note: `${figures} 项数字，含环比、同比与签阅核对` })
}
