// The group robots' own message formats and signing (企业微信、钉钉、飞书). Pure: the clock and the secret come in,
// the URL and the JSON body go out, so the tests check each byte against what the platform verifies.
//   企业微信 group robot: POST {"msgtype":"markdown","markdown":{"content":…}}; no signing (the key is in the URL).
//   钉钉 custom robot: POST {"msgtype":"markdown","markdown":{"title","text"}}; 加签 — timestamp in milliseconds,
//     sign = urlEncode(base64(HmacSHA256(key = secret, timestamp + "\n" + secret))), both as query parameters.
//   飞书 custom bot: POST {"msg_type":"text","content":{"text"}}; 签名校验 — timestamp in seconds,
//     sign = base64(HmacSHA256(key = timestamp + "\n" + secret, empty message)), both in the body.
import { createHmac } from 'node:crypto'

export type RobotKind = 'wecom' | 'dingtalk' | 'feishu'

/** A message as plain text: a title and its lines. Never HTML: every field is text we wrote or the feed's plain title. */
export interface RobotMessage {
  title: string
  lines: string[]
}

export interface RobotRequest {
  url: string
  body: string
}

/** Markdown control characters in feed text are shown as themselves, never as markup or links. */
export function markdownText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/([\\`*_[\]()#>!|~])/g, '\\$1')
}

function markdown(m: RobotMessage): string {
  return [`### ${markdownText(m.title)}`, ...m.lines.map((l) => `> ${markdownText(l)}`)].join('\n')
}

function plain(m: RobotMessage): string {
  return [m.title, ...m.lines].join('\n')
}

export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64')
}

export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update(Buffer.alloc(0)).digest('base64')
}

/** The request that posts `m` to one robot, signed when it has a secret. */
export function robotRequest(kind: RobotKind, url: string, secret: string, m: RobotMessage, now: Date): RobotRequest {
  switch (kind) {
    case 'wecom':
      return { url, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown(m) } }) }
    case 'dingtalk': {
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: m.title, text: markdown(m) } })
      if (!secret) return { url, body }
      const ts = now.getTime()
      const u = new URL(url)
      u.searchParams.set('timestamp', String(ts))
      u.searchParams.set('sign', dingtalkSign(secret, ts))
      return { url: u.toString(), body }
    }
    case 'feishu': {
      const content = { msg_type: 'text', content: { text: plain(m) } }
      if (!secret) return { url, body: JSON.stringify(content) }
      const ts = Math.floor(now.getTime() / 1000)
      return { url, body: JSON.stringify({ timestamp: String(ts), sign: feishuSign(secret, ts), ...content }) }
    }
  }
}

/**
 * Whether the robot took the message: an HTTP 2xx whose JSON does not report an error (企业微信/钉钉 `errcode`,
 * 飞书 `code`/`StatusCode`, each 0 on success). The reason otherwise, in Chinese, with the platform's own message.
 */
export function robotAccepted(status: number, text: string): { ok: true } | { ok: false; error: string } {
  if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}` }
  let j: Record<string, unknown>
  try {
    j = JSON.parse(text) as Record<string, unknown>
  } catch {
    return { ok: false, error: '返回内容不是 JSON' }
  }
  const code = j.errcode ?? j.code ?? j.StatusCode ?? 0
  if (code === 0 || code === '0') return { ok: true }
  const msg = String(j.errmsg ?? j.msg ?? j.StatusMessage ?? '')
  return { ok: false, error: `平台返回错误 ${String(code)}${msg ? `：${msg.slice(0, 200)}` : ''}` }
}

/** The lines of one alert: grade, source, why, when — the mention's own text only as its plain title. */
export function alertMessage(a: { title: string; grade: string; source: string; reason: string; at: string; hospital: string }): RobotMessage {
  return {
    title: `【${a.grade}舆情】${a.title}`,
    lines: [`等级：${a.grade}`, `来源：${a.source || '未知来源'}`, `研判依据：${a.reason}`, `发现时间：${a.at}`, `请${a.hospital ? `${a.hospital}` : ''}宣传部门及时研判处置。`]
  }
}

/** The daily digest: counts, then the 较大/重大 ones (at most `max`). */
export function digestMessage(d: {
  date: string
  total: number
  negative: number
  items: { title: string; grade: string; source: string }[]
  max?: number
}): RobotMessage {
  const max = d.max ?? 10
  const lines = [`${d.date} 共发现舆情 ${d.total} 条，其中负面 ${d.negative} 条，较大/重大 ${d.items.length} 条。`]
  for (const i of d.items.slice(0, max)) lines.push(`【${i.grade}】${i.title}（${i.source || '未知来源'}）`)
  if (d.items.length > max) lines.push(`……另有 ${d.items.length - max} 条，请到工作台查看。`)
  return { title: `舆情日报 ${d.date}`, lines }
}

/** Why a mention has its grade, in the officer's words (sentiment.ts gradeRisk): e.g. 负面（投诉、纠纷）；3 个来源转载. */
export function gradeReason(f: { gradeManual: boolean; sentiment: string; cues: string[]; sourceCount: number; weight: number; gradeReason?: string }): string {
  if (f.gradeManual) return '宣传干事人工定级'
  const parts = [f.cues.length ? `${f.sentiment}（${f.cues.slice(0, 4).join('、')}）` : f.sentiment]
  // the grading's own reason (services/watch/sentiment.ts gradeEvent: spread, source weight) when it stored one
  if (f.gradeReason) return [...parts, f.gradeReason].join('；')
  if (f.sourceCount >= 2) parts.push(`${f.sourceCount} 个来源转载`)
  if (f.weight >= 3) parts.push('中央/省级媒体报道')
  else if (f.weight >= 2) parts.push('市级媒体报道')
  return parts.join('；')
}
