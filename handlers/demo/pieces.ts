import type { PieceInput } from '../../shared/contract/pieces'
import type { Channel } from '../../shared/channels'
import type { Random } from '../../services/random'
import { addDays } from '../../shared/dates'

/**
 * The demo half-year (2023上半年) of 南和县人民医院, shaped like seed 004: the counts below are the figures that
 * hospital reported (上报信息及线索186篇, 更新稿件135篇, 专家坐诊信息48次, 公益宣传片54部, 宣传册10万余份,
 * 意识形态教育会2次, 锦旗2面, 感谢信2封). Tests assert these exact numbers.
 */
export const DEMO_COUNTS = {
  wechat: 135,
  notice: 48,
  tvReceived: 54,
  tvInHouse: 2,
  media: 120,
  govReport: 66,
  ideologyMeetings: 2,
  banners: 2,
  letters: 2
} as const

export const DEMO_DEPARTMENTS = ['党办', '宣传科', '院办', '医务科', '护理部', '内科', '外科', '妇产科', '儿科', '急诊科', '中医科', '药剂科', '信息科']

const TOPICS = ['分级诊疗中心', '301远程会诊中心', '胸痛中心', '卒中中心', '家庭医生签约', '医保政策', '健康扶贫', '急诊绿色通道', '无痛分娩', '中医适宜技术', '护理质量', '院感防控', '智慧医院', '预约挂号']
const WECHAT_TEMPLATES = [
  (t: string) => `${t}正式启用 为群众就医再添便利`,
  (t: string) => `【健康科普】${t}常见问题解答`,
  (t: string) => `我院召开${t}工作推进会`,
  (t: string) => `外聘专家来院坐诊：${t}专家团队本周出诊`,
  (t: string) => `${t}｜这些变化你需要知道`,
  (t: string) => `聚焦${t} 我院持续改善医疗服务`
]
const MEDIA_OUTLETS: { name: string; level: '国家级' | '省级' | '市级' | '县级'; n: number }[] = [
  { name: '牛城晚报', level: '市级', n: 40 },
  { name: '县政府网', level: '县级', n: 35 },
  { name: '南和报', level: '县级', n: 25 },
  { name: '县电视台', level: '县级', n: 18 },
  { name: '河北广播电视台', level: '省级', n: 2 }
]
const AUTHORS = ['张宣', '李明', '王芳', '赵静', '刘洋', '陈曦']

function dateIn(r: Random, from = '2023-01-01', days = 181): string {
  return addDays(from, r.int(0, days - 1))
}

export function demoPieces(r: Random): PieceInput[] {
  const out: PieceInput[] = []
  const base = (channel: Channel, title: string, date: string, extra: Partial<PieceInput> = {}): PieceInput => ({
    channel,
    title,
    date,
    status: 'published',
    department: r.pick(DEMO_DEPARTMENTS),
    author: r.pick(AUTHORS),
    ...extra
  })

  for (let i = 0; i < DEMO_COUNTS.wechat; i++) {
    const topic = r.pick(TOPICS)
    const themes = i % 9 === 0 ? ['民族团结'] : i % 5 === 0 ? ['健康科普'] : i % 7 === 0 ? ['党建'] : []
    out.push(base('wechat', r.pick(WECHAT_TEMPLATES)(topic), dateIn(r), { venue: '南和县人民医院', reads: r.int(300, 6000), themes, extra: { original: i % 4 !== 0, likes: r.int(5, 200), shares: r.int(0, 80), zaikan: r.int(0, 40) } }))
  }
  // Pieces still in the workflow: they must not count.
  out.push(base('wechat', '【草稿】下半年健康讲座预告', '2023-06-28', { status: 'draft' }))
  out.push(base('wechat', '“七一”建党节专题推文（待审核）', '2023-06-29', { status: 'pending', themes: ['党建'] }))

  const media = ['电视台广告部', '手机短信', '贴吧', '公众号']
  for (let i = 0; i < DEMO_COUNTS.notice; i++) {
    const dept = r.pick(['内科', '外科', '妇产科', '儿科', '中医科'])
    out.push(base('notice', `${dept}外聘专家坐诊信息（第${i + 1}期）`, dateIn(r), { department: dept, venue: media[i % media.length], themes: ['专家坐诊'], extra: { expert: `${r.pick(['北京', '石家庄', '邢台'])}专家${r.pick(['李', '王', '张', '孙'])}教授` } }))
  }

  for (let i = 0; i < DEMO_COUNTS.tvReceived; i++) {
    out.push(base('tv', `公益宣传片：${r.pick(['合理用药', '控烟', '文明就医', '防范电信诈骗', '核心价值观', '健康生活方式'])}（第${i + 1}部）`, dateIn(r), { venue: r.pick(['电梯', '候诊区']), kind: '接收', extra: { durationSec: r.int(30, 300) } }))
  }
  out.push(base('tv', '《5.12护士节》', '2023-05-12', { venue: '候诊区', kind: '自制', themes: ['医德医风'] }))
  out.push(base('tv', '《院内专家简介》', '2023-03-15', { venue: '候诊区', kind: '自制', themes: ['专家坐诊'] }))

  let m = 0
  for (const o of MEDIA_OUTLETS) {
    for (let i = 0; i < o.n; i++, m++) {
      const accepted = o.level === '省级' || i % 3 === 0
      const title = o.level === '省级' ? (i === 0 ? '分级诊疗中心暨301远程会诊中心启动' : '县域医共体建设见成效') : `${r.pick(TOPICS)}${r.pick(['取得新进展', '惠及群众', '工作纪实', '经验做法'])}`
      out.push(base('media', title, dateIn(r), { status: accepted ? 'accepted' : 'submitted', venue: o.name, outletLevel: o.level, kind: o.level === '省级' && i === 0 ? '采访' : '稿件', themes: m % 11 === 0 ? ['民族团结'] : [] }))
    }
  }
  out.push(base('media', '合作版面：医院形象专版', '2023-04-18', { status: 'accepted', venue: '牛城晚报', outletLevel: '市级', paid: true }))
  for (let i = 0; i < DEMO_COUNTS.govReport; i++) {
    out.push(base('gov_report', `工作动态：${r.pick(TOPICS)}${r.pick(['有序推进', '开展情况', '周报'])}`, dateIn(r), { status: i % 2 === 0 ? 'accepted' : 'submitted', venue: '卫计局', outletLevel: '县级' }))
  }

  const ledKinds = ['标语', '节日祝福', '专家出诊', '药品价格公示', '通知']
  for (let i = 0; i < 30; i++) {
    const kind = ledKinds[i % ledKinds.length]
    const d = dateIn(r, '2023-01-01', 170)
    out.push(base('led', `${kind}：${kind === '节日祝福' ? r.pick(['元旦快乐', '新春快乐', '劳动节快乐', '端午安康']) : r.pick(['迎检标语', '创建文明医院', '药品价格公示', '专家出诊安排'])}`, d, { venue: r.pick(['门诊大厅', '住院楼电梯', '急诊楼外墙']), kind, extra: { displayStart: d, displayEnd: addDays(d, r.int(2, 10)) } }))
  }

  // printed runs in copies (10万余份 in all, as seed 004), boards and banners one by one
  const printRuns: [string, number][] = [
    ['宣传册', 36040], ['单页', 20000], ['宣传册', 15000], ['海报', 12000], ['单页', 8000], ['宣传册', 6000],
    ['单页', 5000], ['展板', 24], ['横幅', 12], ['宣传册', 1500], ['展板', 16], ['横幅', 8]
  ]
  printRuns.forEach(([kind, q]) => {
    out.push(base('print', `${r.pick(['两学一做', '基层党建', '社会主义核心价值观', '廉政法治文化', '安全生产', '健康科普'])}${kind}`, dateIn(r), { status: 'completed', kind, venue: kind, quantity: q, extra: { vendor: '南和县印刷厂' } }))
  })

  const events: [string, string, number, number, string[]][] = [
    ['“爱牙日”义诊进社区', '义诊', 320, 800, ['健康科普']],
    ['“爱眼日”健康讲座', '健康讲座', 150, 300, ['健康科普']],
    ['5.12国际护士节晚会', '文艺活动', 600, 0, ['医德医风']],
    ['母亲节送花进病房', '其他', 200, 0, ['文明创建']],
    ['端午节献爱心', '其他', 180, 200, ['文明创建']],
    ['六一儿童节进病房', '其他', 120, 100, ['文明创建']],
    ['民族团结进步宣传月义诊', '义诊', 450, 1200, ['民族团结']],
    ['民族团结主题座谈会', '座谈会', 60, 60, ['民族团结', '意识形态']],
    ['“七一”主题党日', '主题党日', 80, 0, ['党建']],
    ['下乡巡回医疗', '义诊', 260, 900, ['健康科普']]
  ]
  events.forEach(([title, kind, reach, qty, themes], i) => {
    out.push(base('event', title, dateIn(r), { status: 'completed', kind, venue: kind, reach, quantity: qty, themes, extra: { place: r.pick(['门诊广场', '和阳镇', '贾宋镇卫生院', '医院礼堂']), languages: i === 6 ? ['苗汉双语'] : [] } }))
  })

  for (let i = 0; i < DEMO_COUNTS.ideologyMeetings; i++) {
    out.push(base('meeting', `${i === 0 ? '一' : '二'}季度意识形态教育会`, i === 0 ? '2023-03-20' : '2023-06-16', { status: 'completed', kind: '意识形态教育会', reach: 85, themes: ['意识形态'], department: '党办', extra: { notesCount: 500, reflectionsCount: 250 } }))
  }
  for (let i = 0; i < 6; i++) {
    out.push(base('meeting', `党委理论学习中心组第${i + 1}次集体学习`, `2023-0${i + 1}-2${i}`, { status: 'completed', kind: '中心组学习', reach: 12, themes: ['意识形态'], department: '党办' }))
  }

  for (let i = 0; i < DEMO_COUNTS.banners; i++) {
    out.push(base('honor', `患者家属赠送锦旗“医术精湛 医德高尚”`, dateIn(r), { status: 'completed', kind: '锦旗', venue: r.pick(['外科', '内科']), themes: ['医德医风'] }))
  }
  for (let i = 0; i < DEMO_COUNTS.letters; i++) {
    out.push(base('honor', '患者来信感谢医护人员悉心照料', dateIn(r), { status: 'completed', kind: '感谢信', venue: r.pick(['护理部', '儿科']), themes: ['医德医风'] }))
  }

  const online: [Channel, string, number][] = [['website', '医院官网', 20], ['weibo', '南和县人民医院微博', 10], ['douyin', '南和县人民医院抖音', 8], ['video_account', '南和县人民医院视频号', 6]]
  for (const [channel, account, n] of online) {
    for (let i = 0; i < n; i++) out.push(base(channel, `${r.pick(TOPICS)}${r.pick(['宣传', '科普', '动态', '速递'])}`, dateIn(r), { venue: account, reads: r.int(100, 20000) }))
  }
  return out
}
