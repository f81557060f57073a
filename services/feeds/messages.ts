// What the officer reads when a feed cannot be fetched, kept in one place so the wording can be reviewed.
// Plain words first, the HTTP status or system code in brackets for whoever they call for help.

/** "20 秒", "0.3 秒", "2 分钟", "1.5 小时". */
export function durationText(ms: number): string {
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} 秒`
  if (ms < 3_600_000) return `${Math.ceil(ms / 60_000)} 分钟`
  return `${Number((ms / 3_600_000).toFixed(1))} 小时`
}

/** "15 MB", "64 KB". */
export function sizeText(bytes: number): string {
  const mib = 1024 * 1024
  return bytes >= mib ? `${Number((bytes / mib).toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`
}

export function httpErrorMessage(status: number): string {
  if (status === 404) return `订阅地址不存在（HTTP 404），请检查地址是否已变更`
  if (status === 410) return `订阅源已被网站删除（HTTP 410）`
  if (status === 401 || status === 403) return `服务器拒绝访问（HTTP ${status}），可能需要登录或本机被限制访问`
  if (status >= 300 && status < 400) return `服务器要求跳转，但没有给出新的地址（HTTP ${status}）`
  if (status >= 500) return `对方服务器出错（HTTP ${status}），稍后会自动重试`
  return `服务器返回了错误（HTTP ${status}）`
}

export function rateLimitMessage(status: number, retryAfterMs: number | undefined): string {
  const what = status === 429 ? `访问过于频繁，服务器暂时拒绝（HTTP 429）` : `服务器暂时不可用（HTTP ${status}）`
  return retryAfterMs === undefined ? `${what}，稍后会自动重试` : `${what}，服务器要求 ${durationText(retryAfterMs)}后再试`
}

const NETWORK_MESSAGES: Record<string, string> = {
  ECONNREFUSED: '无法连接到服务器（连接被拒绝），网站可能已关闭',
  ENOTFOUND: '找不到这个网站，请检查订阅地址或本机网络',
  EAI_AGAIN: '域名解析失败，请检查本机网络',
  ECONNRESET: '连接被服务器中断',
  EPIPE: '连接被服务器中断',
  ETIMEDOUT: '连接服务器超时',
  ENETUNREACH: '网络不通，无法连接到服务器',
  EHOSTUNREACH: '网络不通，无法连接到服务器',
  HPE_INVALID_CONSTANT: '服务器的回应不符合 HTTP 规范，无法读取',
  HPE_HEADER_OVERFLOW: '服务器的回应头过大，无法读取'
}

export function networkErrorMessage(err: unknown): string {
  const code = String((err as { code?: unknown } | null)?.code ?? '')
  if (NETWORK_MESSAGES[code]) return `${NETWORK_MESSAGES[code]}（${code}）`
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) return `网站的安全证书无效，无法安全连接（${code}）`
  const message = err instanceof Error ? err.message : String(err)
  if (/socket hang up/i.test(message)) return '连接被服务器中断（socket hang up）'
  return `网络错误，无法获取订阅内容（${code || message}）`
}

/** A feed the strict parser refused and the tolerant reader read: "格式有误，已读取 12 条（第 3 行附近）". */
export function damagedFeedMessage(items: number, line: number | null): string {
  return `格式有误，已读取 ${items} 条${line === null ? '（订阅源结构不完整）' : `（第 ${line} 行附近）`}`
}
