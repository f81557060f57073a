// 订阅源模板 for RSSHub: the routes a hospital watches, as data, and the one function that turns a template and its
// values into a feed address. RSSHub may be the public rsshub.app or the hospital's own instance (a setting); its
// own common parameters filter (只保留) / filterout (排除) / limit (最多条数) are offered on every route.
// To update the list, edit ROUTES: a route is its path with :params, the fields asking for them, and how the feed
// is filed (分类, 来源权重). Paths as RSSHub documents them (docs.rsshub.app; lib/routes/<namespace>/…).

export const DEFAULT_RSSHUB_BASE = 'https://rsshub.app'

export interface RouteField {
  /** The :name in the path, or a key of the routeParams segment (`inRouteParams`). */
  key: string
  label: string
  hint: string
  optional?: boolean
  /** A path that may hold '/' (人民网栏目 197046/197047): each segment encoded on its own. */
  segments?: boolean
  /** Goes into the route's `:routeParams` segment as key=value (the 网页转换 route's selectors). */
  inRouteParams?: boolean
}

export interface RssHubRoute {
  key: string
  label: string
  /** '/weibo/keyword/:keyword'; an optional param is ':name?'. */
  path: string
  fields: RouteField[]
  /** One of FEED_CATEGORIES (shared/watch.ts). */
  category: string
  weight: number
  /** The feed's name, {key} replaced by the values. */
  name: string
  note: string
}

export const RSSHUB_ROUTES: readonly RssHubRoute[] = [
  {
    key: 'weibo-keyword',
    label: '微博关键词',
    path: '/weibo/keyword/:keyword',
    fields: [{ key: 'keyword', label: '关键词', hint: '如医院全称或简称：南和县人民医院' }],
    category: '论坛/社区',
    weight: 0,
    name: '微博关键词·{keyword}',
    note: '微博搜索结果，需 RSSHub 能访问微博（自建实例可配置 WEIBO_COOKIES）'
  },
  {
    key: 'people-channel',
    label: '人民网地方频道',
    path: '/people/:site/:category?',
    fields: [
      { key: 'site', label: '频道子域名', hint: '人民网地方频道网址的开头，如 he（河北 he.people.com.cn）' },
      { key: 'category', label: '栏目编号', hint: '栏目网址中 /GB/ 之后的部分，如 197046；留空为频道首页', optional: true, segments: true }
    ],
    category: '媒体',
    weight: 3,
    name: '人民网地方频道·{site}',
    note: '人民网各地方频道的栏目列表'
  },
  {
    key: 'baidu-search',
    label: '百度搜索',
    path: '/baidu/search/:keyword',
    fields: [{ key: 'keyword', label: '关键词', hint: '如：南和县人民医院 投诉' }],
    category: '其他',
    weight: 1,
    name: '百度搜索·{keyword}',
    note: '百度网页搜索结果（有反爬限制，建议抓取间隔不低于 1 小时）'
  },
  {
    key: 'tieba-forum',
    label: '百度贴吧（按吧名）',
    path: '/baidu/tieba/forum/:kw',
    fields: [{ key: 'kw', label: '吧名', hint: '不带“吧”字，如：南和' }],
    category: '论坛/社区',
    weight: 0,
    name: '百度贴吧·{kw}吧',
    note: '该吧的最新帖子'
  },
  {
    key: 'tieba-search',
    label: '百度贴吧搜索',
    path: '/baidu/tieba/search/:qw',
    fields: [{ key: 'qw', label: '搜索词', hint: '如：南和县医院' }],
    category: '论坛/社区',
    weight: 0,
    name: '贴吧搜索·{qw}',
    note: '全站贴吧搜索；RSSHub 需配置 BAIDU_COOKIE'
  },
  {
    key: 'toutiao-user',
    label: '今日头条用户',
    path: '/toutiao/user/token/:token',
    fields: [{ key: 'token', label: '用户 token', hint: '头条号主页网址 /c/user/token/ 之后的一串字符' }],
    category: '媒体',
    weight: 1,
    name: '今日头条·{token}',
    note: '一个头条号（如本地融媒体中心）的最新文章'
  },
  {
    key: 'gov-column',
    label: '政府网站栏目（网页转换）',
    path: '/rsshub/transform/html/:url/:routeParams',
    fields: [
      { key: 'url', label: '栏目网址', hint: '如县政府或卫健委网站“工作动态”栏目的列表页网址' },
      { key: 'item', label: '列表项选择器', hint: 'CSS 选择器，如 .list li', inRouteParams: true },
      { key: 'itemTitle', label: '标题选择器', hint: '在列表项内，如 a；留空用列表项文字', optional: true, inRouteParams: true },
      { key: 'itemLink', label: '链接选择器', hint: '在列表项内，如 a；留空用列表项内第一个链接', optional: true, inRouteParams: true }
    ],
    category: '政府网站',
    weight: 2,
    name: '网站栏目·{url}',
    note: '把没有 RSS 的栏目网页转换为订阅源；RSSHub 需开启 ALLOW_USER_SUPPLY_UNSAFE_DOMAIN（建议本院自建实例）'
  }
]

/** RSSHub's common parameters the form offers. 只保留/排除 take words; RSSHub reads them as one regular expression. */
export const RSSHUB_FILTERS = [
  { key: 'filter', label: '只保留（标题或正文含）', hint: '多个词用顿号或逗号分隔，含任一词即保留' },
  { key: 'filterout', label: '排除（标题或正文含）', hint: '多个词用顿号或逗号分隔，含任一词即排除' },
  { key: 'limit', label: '最多条数', hint: '1–200，留空不限' }
] as const
export type RssHubFilterKey = (typeof RSSHUB_FILTERS)[number]['key']

export type RssHubBuilt = { url: string; name: string } | { error: string; field: string }

const MAX_VALUE = 500

/** The hospital's RSSHub address as stored: http(s), no query, no trailing slash. */
export function normalBase(input: string): { base: string } | { error: string } {
  const text = input.trim().replace(/\/+$/, '')
  let u: URL
  try {
    u = new URL(text)
  } catch {
    return { error: 'RSSHub 地址不是有效网址，应形如 https://rsshub.app' }
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { error: 'RSSHub 地址须以 http:// 或 https:// 开头' }
  if (u.search || u.hash || u.username || u.password) return { error: 'RSSHub 地址只填服务器地址（可带路径），不要带 ? 、# 或账号密码' }
  return { base: `${u.origin}${u.pathname.replace(/\/+$/, '')}` }
}

/** 南和、医院 → 南和|医院, each word taken literally (regular-expression characters escaped). */
export function wordsPattern(text: string): string {
  return text
    .split(/[、,，;；\s]+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|')
}

export function routeByKey(key: string): RssHubRoute | undefined {
  return RSSHUB_ROUTES.find((r) => r.key === key)
}

export function buildRssHubUrl(base: string, route: RssHubRoute, values: Record<string, string>, filters: Partial<Record<RssHubFilterKey, string>> = {}): RssHubBuilt {
  const b = normalBase(base)
  if ('error' in b) return { error: b.error, field: 'base' }
  const v = (k: string) => (values[k] ?? '').trim()
  for (const f of route.fields) {
    if (!f.optional && !v(f.key)) return { error: `请填写${f.label}`, field: f.key }
    if (v(f.key).length > MAX_VALUE) return { error: `${f.label}过长（最多 ${MAX_VALUE} 个字符）`, field: f.key }
  }
  const url = route.fields.find((f) => f.key === 'url')
  if (url && !/^https?:\/\/[^/\s]+/i.test(v('url'))) return { error: `${url.label}须以 http:// 或 https:// 开头`, field: 'url' }
  const routeParams = new URLSearchParams()
  for (const f of route.fields) if (f.inRouteParams && v(f.key)) routeParams.set(f.key, v(f.key))
  const path = route.path.replace(/\/:(\w+)(\?)?/g, (_m, key: string) => {
    if (key === 'routeParams') return `/${encodeURIComponent(routeParams.toString())}`
    const value = v(key)
    if (!value) return ''
    const field = route.fields.find((f) => f.key === key)
    return `/${field?.segments ? value.split('/').filter(Boolean).map(encodeURIComponent).join('/') : encodeURIComponent(value)}`
  })
  const query = new URLSearchParams()
  for (const key of ['filter', 'filterout'] as const) {
    const p = wordsPattern(filters[key] ?? '')
    if (p) query.set(key, p)
  }
  const limit = (filters.limit ?? '').trim()
  if (limit) {
    if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 200) return { error: '最多条数须为 1–200 的整数', field: 'limit' }
    query.set('limit', String(Number(limit)))
  }
  const qs = query.toString()
  const name = route.name.replace(/\{(\w+)\}/g, (_m, k: string) => v(k))
  return { url: `${b.base}${path}${qs ? `?${qs}` : ''}`, name: name.slice(0, 60) }
}
