// The desk's vocabulary: channel, status and level codes with their Chinese names.
// Shared by handlers, exports and the renderer so wording is reviewed in one place.

export const CHANNELS = {
  wechat: '微信公众号',
  video_account: '视频号',
  weibo: '微博',
  douyin: '抖音',
  website: '医院官网',
  led: 'LED屏',
  tv: '宣传片',
  media: '媒体投稿',
  gov_report: '工作动态报送',
  print: '宣传品',
  event: '宣传活动',
  notice: '专家坐诊信息',
  meeting: '会议学习',
  honor: '表扬'
} as const
export type Channel = keyof typeof CHANNELS
export const CHANNEL_CODES = Object.keys(CHANNELS) as Channel[]

/** What one record of each channel is counted in (微信公众号 12篇, 宣传活动 3次): the tally's counts and the quotas on them. */
export const CHANNEL_UNITS: Record<Channel, string> = {
  wechat: '篇', video_account: '条', weibo: '条', douyin: '条', website: '条', led: '条', tv: '部', media: '篇',
  gov_report: '篇', print: '批', event: '次', notice: '次', meeting: '次', honor: '次'
}

export const STATUSES = {
  draft: '草稿',
  pending: '待审核',
  approved: '已审核',
  scheduled: '已排期',
  published: '已发布',
  submitted: '已报送',
  accepted: '已录用',
  not_accepted: '未录用',
  completed: '已完成',
  withdrawn: '已撤回'
} as const
export type Status = keyof typeof STATUSES
export const STATUS_CODES = Object.keys(STATUSES) as Status[]

/** Statuses that mean the work was carried out: only these count in tallies and reports. */
export const COUNTED_STATUSES: readonly Status[] = ['published', 'submitted', 'accepted', 'not_accepted', 'completed']

/** Which "done" statuses each channel family uses. */
export const SUBMISSION_CHANNELS: readonly Channel[] = ['media', 'gov_report']
export const COMPLETION_CHANNELS: readonly Channel[] = ['event', 'meeting', 'print', 'honor']

export function finalStatusesFor(channel: Channel): Status[] {
  if (SUBMISSION_CHANNELS.includes(channel)) return ['submitted', 'accepted', 'not_accepted']
  if (COMPLETION_CHANNELS.includes(channel)) return ['completed']
  return ['published']
}

export const OUTLET_LEVELS = ['国家级', '省级', '市级', '县级'] as const
export type OutletLevel = (typeof OUTLET_LEVELS)[number]

export const DEFAULT_THEMES = ['民族团结', '意识形态', '党建', '医德医风', '健康科普', '文明创建', '专家坐诊', '节日祝福']

export function channelLabel(code: string): string {
  return (CHANNELS as Record<string, string>)[code] ?? code
}
export function statusLabel(code: string): string {
  return (STATUSES as Record<string, string>)[code] ?? code
}
