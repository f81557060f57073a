// Each platform's export, as its back office names the columns — and has renamed them over the years. DATA, one
// table: platform → field → the header names seen for it, best first (when a file has both 总阅读次数 and
// 总阅读人数, 阅读量 takes the 次数, as the number under a post shows). A new renaming is one more word here, or
// the officer maps it once in the dialog and the desk remembers it (post-stats-mappings).
import type { StatField, StatPlatform } from '../../shared/contract/ledger-stats'

export const PLATFORM_ALIASES: Record<StatPlatform, Partial<Record<StatField, readonly string[]>>> = {
  // 微信公众平台 → 数据分析 → 内容分析 (2022 起) and the older 图文分析 / 群发分析 exports
  wechat: {
    title: ['内容标题', '文章标题', '图文标题', '推文标题', '标题'],
    date: ['发表时间', '群发时间', '发布时间', '发表日期', '群发日期', '发布日期', '日期', '时间'],
    reads: ['总阅读次数', '阅读次数', '图文阅读次数', '阅读量', '阅读数', '总阅读人数', '阅读人数', '图文阅读人数'],
    shares: ['总分享次数', '分享次数', '分享转发次数', '转发次数', '总分享人数', '分享人数', '分享转发人数', '转发人数'],
    likes: ['点赞次数', '点赞人数', '点赞数', '点赞', '喜欢'],
    zaikan: ['在看次数', '在看人数', '在看数', '在看', '好看', '推荐'] // 好看: its name until 2019
  },
  // 视频号助手 → 数据中心 → 动态数据
  video_account: {
    title: ['视频描述', '动态描述', '作品描述', '描述', '标题'],
    date: ['发布时间', '发表时间', '发布日期', '日期'],
    reads: ['播放量', '播放次数', '浏览次数', '播放数']
  },
  // 微博 → 数据助手 → 博文分析
  weibo: {
    title: ['博文内容', '微博内容', '微博正文', '内容', '标题'],
    date: ['发布时间', '发博时间', '发布日期', '日期'],
    reads: ['阅读数', '阅读量', '阅读次数', '曝光量']
  },
  // 抖音创作者中心 → 数据中心 → 作品数据
  douyin: {
    title: ['作品名称', '作品标题', '视频标题', '作品描述', '标题'],
    date: ['发布时间', '发布日期', '日期'],
    reads: ['播放量', '播放次数', '播放数']
  }
}
