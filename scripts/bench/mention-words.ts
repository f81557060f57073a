// What ten years of feeds say about the hospital: 500 sources, watch rules with 200 terms, and the stories
// (praise, routine news, complaints) that match them — plus the local news that matches nothing and is dropped.
import type { Random } from '../../services/random'
import { DEPARTMENTS, DISEASES, HOSPITAL, PLACES, TOPICS } from './words'

const SITES = [
  ['滨江日报', 2, '媒体'], ['滨江晚报', 2, '媒体'], ['滨江电视台', 2, '媒体'], ['省日报', 3, '媒体'], ['健康报', 3, '媒体'],
  ['市卫生健康委', 2, '卫健委'], ['区政府网', 1, '政府网站'], ['区融媒体中心', 1, '媒体'], ['滨江论坛', 0, '论坛/社区'],
  ['本地宝', 0, '论坛/社区'], ['微博搜索', 0, '其他'], ['头条号', 0, '其他'], ['百度贴吧', 0, '论坛/社区']
] as const
const SECTIONS = ['本地新闻', '民生', '健康', '社会', '政务', '热点', '教育', '城建', '文旅', '综合']

export interface FeedSpec { url: string; name: string; category: string; weight: number }

/** `n` distinct feeds: every site's sections, then numbered keyword subscriptions. */
export function feedSpecs(n: number): FeedSpec[] {
  const out: FeedSpec[] = []
  for (let i = 0; out.length < n; i++) {
    const [site, weight, category] = SITES[i % SITES.length]
    const section = SECTIONS[Math.floor(i / SITES.length) % SECTIONS.length]
    const round = Math.floor(i / (SITES.length * SECTIONS.length))
    const name = round === 0 ? `${site}·${section}` : `${site}·${section}（订阅${round + 1}）`
    out.push({ url: `https://rss.site${i % SITES.length}.bench.example/${i}/feed.xml`, name, category, weight })
  }
  return out
}

export const LEADERS = ['刘建国', '陈卫东', '王敏', '李强', '赵志刚', '孙丽华', '周海涛', '吴晓燕', '郑国栋', '冯玉兰', '许文斌', '何雪梅']
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐'
const GIVEN = ['建华', '丽娟', '志强', '海燕', '国庆', '晓东', '玉梅', '文杰', '红霞', '永刚', '秀英', '立新']
export const EXPERTS = Array.from({ length: 60 }, (_, i) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`)
export const NEGATIVE_TERMS = [
  '投诉', '医闹', '纠纷', '医疗纠纷', '曝光', '红包', '回扣', '误诊', '漏诊', '医疗事故', '维权', '举报', '乱收费',
  '天价', '过度医疗', '态度恶劣', '推诿', '骗保', '套保', '院内感染'
]
export const PEER_HOSPITALS = [
  '滨江市中医院', '滨江市妇幼保健院', '滨江市第二人民医院', '滨江市人民医院', '滨江市传染病医院', '城关镇卫生院',
  '河西乡卫生院', '滨江市口腔医院', '滨江市精神卫生中心', '滨江市中心血站', '省人民医院', '省肿瘤医院',
  '省中医院', '省儿童医院', '滨江市急救中心', '滨江市疾控中心', '红旗社区卫生服务中心', '和平街道社区卫生服务中心'
]

/** Watch rules holding exactly 200 terms between them (the desk's rule set after years of use). */
export function ruleSpecs(): { name: string; any: string[]; all: string[]; none: string[] }[] {
  const rules = [
    { name: '本院名称', any: [HOSPITAL.fullName, ...HOSPITAL.aliases], all: [], none: ['招聘启事'] },
    { name: '院领导', any: LEADERS, all: [], none: [] },
    { name: '专家名医', any: EXPERTS.slice(0, 30), all: [], none: [] },
    { name: '专家名医（二）', any: EXPERTS.slice(30), all: [], none: [] },
    { name: '本院科室', any: DEPARTMENTS.map((d) => `市一院${d}`), all: [], none: [] },
    { name: '重点工作', any: TOPICS.slice(0, 26), all: ['滨江'], none: [] },
    { name: '负面线索', any: NEGATIVE_TERMS, all: ['滨江'], none: ['辟谣'] },
    { name: '同行医院', any: PEER_HOSPITALS, all: [], none: [] },
    { name: '民族团结', any: ['民族团结', '石榴籽', '各族群众'], all: ['滨江'], none: [] },
    { name: '医保基金', any: ['医保', '医疗保障', '医保局', '医保基金', '集采', 'DRG', 'DIP'], all: ['滨江'], none: [] },
    { name: '公共卫生', any: ['流感', '手足口病', '疫苗', '传染病', '食物中毒', '登革热', '诺如病毒', '发热门诊', '核酸', '新冠'], all: ['滨江'], none: [] },
    { name: '本院账号', any: ['滨江一院公众号', '滨江一院官方微博', '滨江一院抖音号', '滨江一院视频号', '市一院官网'], all: [], none: [] }
  ]
  return rules
}

export function ruleTermCount(): number {
  return ruleSpecs().reduce((n, r) => n + r.any.length + r.all.length + r.none.length, 0)
}

const name = (r: Random): string => r.pick([HOSPITAL.fullName, ...HOSPITAL.aliases])

const POSITIVE = [
  (r: Random) => `${name(r)}${r.pick(DEPARTMENTS)}成功救治${r.pick(DISEASES)}危重患者`,
  (r: Random) => `患者家属送锦旗感谢${name(r)}${r.pick(DEPARTMENTS)}医护人员`,
  (r: Random) => `${name(r)}开展民族团结进步宣传月义诊活动`,
  (r: Random) => `${name(r)}专家${r.pick(EXPERTS)}走进${r.pick(PLACES)}义诊`,
  (r: Random) => `${name(r)}荣获“${r.pick(['全国文明单位', '民族团结进步模范集体', '改善医疗服务示范医院'])}”称号`,
  (r: Random) => `点赞！${name(r)}护士街头跪地救人`
]
const NEUTRAL = [
  (r: Random) => `${name(r)}${r.pick(TOPICS)}正式启用`,
  (r: Random) => `医保新政落地 ${name(r)}开通${r.pick(['门诊共济', '异地就医直接结算', '医保码就医'])}`,
  (r: Random) => `滨江${r.pick(TOPICS)}工作推进会召开 ${r.pick(LEADERS)}出席`,
  (r: Random) => `${r.pick(PEER_HOSPITALS)}与${name(r)}签约组建医联体`,
  (r: Random) => `${name(r)}关于${r.pick(['春节', '国庆节', '五一'])}期间门诊安排的公告`,
  (r: Random) => `各族群众健康有保障 滨江医保惠民政策解读`
]
const NEGATIVE = [
  (r: Random) => `网友投诉${name(r)}${r.pick(DEPARTMENTS)}${r.pick(['态度恶劣', '乱收费', '推诿患者'])}`,
  (r: Random) => `滨江一患者家属称在${name(r)}遭遇误诊`,
  (r: Random) => `曝光：滨江某医院涉嫌骗保 ${r.pick(['医保局已介入', '官方回应'])}`,
  (r: Random) => `${name(r)}回应“${r.pick(['天价账单', '红包', '医疗纠纷'])}”传闻`
]
const UNRELATED = [
  (r: Random) => `${r.pick(PLACES)}${r.pick(['道路改造', '老旧小区改造', '垃圾分类', '雨污分流', '燃气管道更新'])}工程本月完工`,
  (r: Random) => `滨江${r.pick(['中考', '高考', '义务教育招生', '公租房申请', '公交线路调整'])}政策发布`,
  (r: Random) => `${r.pick(PLACES)}举办${r.pick(['农民丰收节', '读书月', '运动会', '美食节', '招聘会'])}`,
  (r: Random) => `${r.pick(['今冬', '本周', '周末', '节后'])}滨江${r.pick(['气温', '空气质量', '菜价', '油价', '出行'])}${r.pick(['有变化', '迎来新变化', '情况通报'])}`,
  (r: Random) => `${r.pick(['第', '全市第'])}${r.int(2, 30)}届${r.pick(['龙舟赛', '马拉松', '书画展', '农产品博览会'])}${r.pick(['开幕', '落幕', '报名开始'])}`
]
const LOCAL_SENTENCES = [
  '记者从有关部门获悉，', '据介绍，', '近日，', '项目总投资约两千万元，预计年底前全部完工。', '活动吸引了数千名市民参与。',
  '相关部门提醒市民合理安排出行。', '下一步，将继续推进城市更新工作。', '现场气氛热烈，市民纷纷点赞。',
  '本次活动由市文明办主办。', '具体安排以官方公告为准。', '报名截止时间为本月底。', '相关负责人表示，将进一步优化服务。'
]

/** A local-news item about anything but the hospital: what most of a city portal's feed is. */
export function localNews(r: Random): { title: string; text: string } {
  const title = r.pick(UNRELATED)(r)
  const parts = [r.pick(LOCAL_SENTENCES), title, '。']
  for (let i = r.int(2, 4); i > 0; i--) parts.push(r.pick(LOCAL_SENTENCES))
  return { title, text: parts.join('') }
}

const SENTENCES = [
  '记者从医院获悉，', '据了解，', '近日，', '活动现场，医护人员为群众测量血压、血糖，讲解慢病防治知识。',
  '医保部门工作人员现场解答了参保群众关心的报销问题。', '各族群众像石榴籽一样紧紧抱在一起。',
  '患者家属表示，医护人员的耐心让他们十分感动。', '医院相关负责人表示，将认真核实情况并及时回应群众关切。',
  '此次义诊共服务群众三百余人次，发放宣传资料一千余份。', '网友留言称等候时间过长，希望医院改进。',
  '下一步，医院将继续推进改善医疗服务行动。', '该院党委书记要求全院干部职工提高政治站位。'
]

export type Tone = 'positive' | 'neutral' | 'negative' | 'unrelated'

/** One story: title and summary text. Tones are drawn at a real desk's mix (mostly neutral, few negative). */
export function story(r: Random): { title: string; text: string; tone: Tone } {
  const x = r.next()
  const tone: Tone = x < 0.3 ? 'positive' : x < 0.78 ? 'neutral' : x < 0.86 ? 'negative' : 'unrelated'
  const list = { positive: POSITIVE, neutral: NEUTRAL, negative: NEGATIVE, unrelated: UNRELATED }[tone]
  const title = r.pick(list)(r)
  const parts = [r.pick(SENTENCES), title, '。']
  for (let i = r.int(2, 4); i > 0; i--) parts.push(r.pick(SENTENCES))
  return { title, text: parts.join(''), tone }
}
