// Alerts that leave the PC: 较大/重大 mentions and the daily digest, sent to the office's group robots (企业微信、
// 钉钉、飞书; formats and signing in services/watch/webhook-format.ts). Each message is a row of webhook_deliveries
// before it is sent, so a failure is retried with backoff, shown in 设置 with its reason, and never lost silently;
// one that still fails after the last attempt becomes a notice in the bell.
import { defineHandlers } from '../dispatch'
import { UserError } from '../errors'
import { readSetting, readSettingForView, saveSetting, writeState } from '../settings'
import { deliveryCounts, dueDeliveries, lastDelivery, queueDelivery, updateDelivery, type DeliveryRow } from '../../db/queries/notices'
import { alertFacts } from '../../db/queries/alert-facts'
import { digestRows } from '../../db/queries/mentions'
import { alertMessage, digestMessage, gradeReason, robotAccepted, robotRequest, type RobotMessage } from '../../services/watch/webhook-format'
import { nextFetchAt } from '../../services/feeds/backoff'
import { chinaClock, chinaDate } from '../../shared/dates'
import { clockMinutes } from '../../shared/watch'
import type { WebhookOverview, WebhookTarget } from '../../shared/contract/watch-webhooks'
import type { AlertCandidate } from '../feeds/ingest'
import type { Ctx } from '../context'
import type { Db } from '../../db/open'

/** Attempts before a delivery is given up (1, 2, 4 … 64 minutes apart: about two hours in all). */
export const MAX_ATTEMPTS = 8
const SEND_TIMEOUT_MS = 10_000
const MAX_REPLY_CHARS = 4000

/** One POST of a JSON body; the status and the reply's text. Injected in tests; Node's fetch otherwise. */
export type RobotPost = (url: string, body: string) => Promise<{ status: number; text: string }>

export const fetchPost: RobotPost = async (url, body) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS)
  })
  return { status: res.status, text: (await res.text()).slice(0, MAX_REPLY_CHARS) }
}

function targets(db: Db): WebhookTarget[] {
  return readSetting(db, 'watch-webhooks').targets.filter((t) => t.enabled)
}

function hospital(db: Db): string {
  const p = readSetting(db, 'profile') as { shortName?: string; fullName?: string } | null
  return p?.shortName || p?.fullName || ''
}

function chinaTime(iso: string): string {
  return chinaClock(iso, 'yyyy-MM-dd HH:mm')
}

/** Queue the alerts of a poll for every target that takes their grade. The number of messages queued. */
export function queueAlerts(ctx: Ctx, candidates: AlertCandidate[], at: Date): number {
  const db = ctx.desk.db
  const to = targets(db)
  if (!to.length || !candidates.length) return 0
  const iso = at.toISOString()
  const name = hospital(db)
  let queued = 0
  ctx.desk.tx(() => {
    for (const c of candidates) {
      const facts = alertFacts(db, c.id)
      if (!facts) continue
      const message = alertMessage({ title: facts.title, grade: c.grade, source: facts.source, reason: gradeReason(facts), at: chinaTime(facts.fetchedAt), hospital: name })
      for (const t of to) {
        if (!t.grades.includes(c.grade)) continue
        // one message per mention, grade and target: a 较大 that grows into 重大 is sent again
        if (queueDelivery(db, { targetId: t.id, kind: 'alert', subject: `mention:${c.id}:${c.grade}`, message }, iso)) queued++
      }
    }
  })
  return queued
}

/** At the digest time, once a day: the last 24 hours to every target that takes the digest. */
export function queueDigest(ctx: Ctx, at: Date): number {
  const db = ctx.desk.db
  const { digestAt } = readSetting(db, 'watch-webhooks')
  const today = chinaDate(at)
  const [h, m] = chinaClock(at.toISOString(), 'HH:mm').split(':').map(Number)
  if (h * 60 + m < clockMinutes(digestAt)) return 0
  if (readSetting(db, 'webhook-digest-sent')?.date === today) return 0
  const to = targets(db).filter((t) => t.digest)
  const iso = at.toISOString()
  let queued = 0
  ctx.desk.tx(() => {
    if (to.length) {
      const rows = digestRows(db, { from: new Date(at.getTime() - 86_400_000).toISOString(), to: iso })
      const message = digestMessage({
        date: today,
        total: rows.length,
        negative: rows.filter((r) => r.sentiment === '负面').length,
        items: rows.filter((r) => r.grade !== '一般').map((r) => ({ title: r.title, grade: r.grade, source: r.feedName ?? '' }))
      })
      for (const t of to) if (queueDelivery(db, { targetId: t.id, kind: 'digest', subject: `digest:${today}`, message }, iso)) queued++
    }
    writeState(db, 'webhook-digest-sent', { date: today }, iso)
  })
  return queued
}

async function sendOne(ctx: Ctx, row: DeliveryRow, target: WebhookTarget | undefined, post: RobotPost): Promise<void> {
  const db = ctx.desk.db
  const now = ctx.now()
  const iso = now.toISOString()
  const attempts = row.attempts + 1
  let error: string | null
  if (!target) error = '推送目标已删除或停用'
  else {
    try {
      const req = robotRequest(target.kind, target.url, target.secret, row.message as RobotMessage, now)
      const r = await post(req.url, req.body)
      const verdict = robotAccepted(r.status, r.text)
      error = verdict.ok ? null : verdict.error
    } catch (e) {
      const name = (e as Error)?.name
      error = name === 'TimeoutError' || name === 'AbortError' ? '连接超时' : `无法连接：${(e as Error)?.message ?? String(e)}`.slice(0, 300)
    }
  }
  if (error === null) return updateDelivery(db, row.id, { status: 'sent', attempts, sentAt: iso, lastError: null })
  const giveUp = !target || attempts >= MAX_ATTEMPTS
  // backoff.ts's doubling from one minute, without jitter: the tests know each retry's time
  const next = new Date(nextFetchAt({ now: now.getTime(), intervalMin: 1, consecutiveErrors: attempts, random: () => 0.5 })).toISOString()
  updateDelivery(db, row.id, { status: giveUp ? 'failed' : 'pending', attempts, lastError: error, nextAt: giveUp ? row.nextAt : next })
  if (giveUp && target)
    ctx.notify({
      kind: 'webhook',
      title: `群机器人推送失败：${target.name}`,
      body: `“${(row.message as RobotMessage).title}”重试 ${attempts} 次仍未送达（${error}）。请在“提醒与词库”中检查该推送目标。`,
      href: '#/watch/settings'
    })
}

const sending = new WeakMap<Db, Promise<number>>()

/**
 * Send every delivery that is due, one after another. Calls made while a run is under way wait for it and then
 * run themselves, so a row is never sent twice at once. The number attempted.
 */
export function deliverDue(ctx: Ctx, o: { post?: RobotPost } = {}): Promise<number> {
  const db = ctx.desk.db
  const run = async () => {
    const rows = dueDeliveries(db, ctx.now().toISOString())
    const all = readSetting(db, 'watch-webhooks').targets
    for (const row of rows) await sendOne(ctx, row, all.find((t) => t.id === row.targetId && t.enabled), o.post ?? fetchPost)
    return rows.length
  }
  const p = (sending.get(db) ?? Promise.resolve(0)).catch(() => 0).then(run)
  sending.set(db, p)
  return p
}

function overview(db: Db): WebhookOverview {
  const settings = readSettingForView(db, 'watch-webhooks')
  const results: WebhookOverview['results'] = {}
  for (const t of settings.targets) {
    const last = lastDelivery(db, t.id)
    results[t.id] = {
      ...deliveryCounts(db, t.id),
      last: last
        ? {
            status: last.status as 'sent' | 'pending' | 'failed',
            kind: last.kind,
            title: (last.message as RobotMessage).title,
            at: last.sentAt ?? last.createdAt,
            attempts: last.attempts,
            error: last.lastError
          }
        : null
    }
  }
  return { settings, results }
}

export const webhookHandlers = defineHandlers({
  'webhook-get': (_a, ctx) => overview(ctx.desk.db),
  'webhook-save': (v, ctx) => {
    saveSetting(ctx, 'watch-webhooks', v)
    return overview(ctx.desk.db)
  },
  'webhook-test': async ({ id }, ctx) => {
    const t = readSetting(ctx.desk.db, 'watch-webhooks').targets.find((x) => x.id === id)
    if (!t) throw new UserError('没有这个推送目标，请先保存', { field: 'id' })
    const iso = ctx.now().toISOString()
    const message: RobotMessage = { title: '【测试】宣传舆情工作台推送测试', lines: [`这是一条测试消息，发送时间 ${chinaTime(iso)}。`, '收到即表示该群机器人配置正确。'] }
    ctx.desk.tx(() => queueDelivery(ctx.desk.db, { targetId: t.id, kind: 'test', subject: `test:${iso}`, message }, iso))
    await deliverDue(ctx)
    return overview(ctx.desk.db)
  }
})
