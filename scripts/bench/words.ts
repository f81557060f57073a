// Word lists and title templates for the ten-year benchmark desk. A big city hospital: the same departments,
// outlets and campaigns come back year after year, so the titles repeat their vocabulary the way a real ledger
// does — which is what makes searching for 团结, 义诊 or 医保 hit thousands of rows rather than a handful.
import type { Random } from '../../services/random'

export const HOSPITAL = { fullName: '滨江市第一人民医院', aliases: ['滨江市一院', '滨江一院', '市一院'] }

export const DEPARTMENTS = [
  '党委办公室', '宣传科', '院办', '医务科', '护理部', '心内科', '神经内科', '呼吸内科', '消化内科', '肾内科',
  '普外科', '骨科', '神经外科', '妇产科', '儿科', '急诊科', '重症医学科', '中医科', '康复医学科', '眼科',
  '口腔科', '皮肤科', '药剂科', '检验科', '放射科', '信息科', '医保办', '后勤保障部'
]

export const AUTHORS = [
  '张宣', '李明', '王芳', '赵静', '刘洋', '陈曦', '杨帆', '黄蕾', '周婷', '吴昊', '郑磊', '孙悦', '马丽',
  '阿依古丽', '买买提', '热依拉', '古丽娜尔', '艾力', '胡杨', '朱琳'
]
export const REVIEWERS = ['宣传科科长 王敏', '党办主任 李强', '分管副院长 陈卫东', '党委书记 刘建国']

export const TOPICS = [
  '胸痛中心', '卒中中心', '创伤中心', '分级诊疗', '远程会诊', '家庭医生签约', '医保政策', '医保支付改革',
  '异地就医结算', '健康扶贫', '急诊绿色通道', '无痛分娩', '日间手术', '中医适宜技术', '护理质量提升',
  '院感防控', '智慧医院', '预约挂号', '互联网医院', '多学科会诊', '临床路径', '合理用药', '慢病管理',
  '民族团结进步创建', '医德医风建设', '清廉医院建设', '改善就医感受', '优质护理服务', '双语服务窗口',
  '送医下乡', '对口帮扶', '健康科普进社区', '爱国卫生运动', '安全生产月', '志愿服务'
]

export const DISEASES = [
  '高血压', '糖尿病', '冠心病', '脑卒中', '慢阻肺', '流感', '手足口病', '甲状腺结节', '骨质疏松', '颈椎病',
  '胃食管反流', '乳腺癌', '肺结节', '过敏性鼻炎', '近视', '龋齿', '痛风', '带状疱疹', '腰椎间盘突出', '脂肪肝'
]

export const PLACES = [
  '城关镇', '河西乡', '红旗社区', '团结路社区', '幸福里社区', '和平街道', '南山村', '东湖村', '第二中学',
  '第一小学', '滨江广场', '市民服务中心', '老年大学', '民族中学', '工业园区', '火车站广场'
]

export const FESTIVALS = ['元旦', '春节', '元宵节', '三八妇女节', '清明节', '劳动节', '端午节', '中秋节', '国庆节', '重阳节']

export const OUTLETS: { name: string; level: '国家级' | '省级' | '市级' | '县级' }[] = [
  { name: '健康报', level: '国家级' },
  { name: '人民网', level: '国家级' },
  { name: '新华网', level: '国家级' },
  { name: '省日报', level: '省级' },
  { name: '省广播电视台', level: '省级' },
  { name: '省卫生健康委网站', level: '省级' },
  { name: '滨江日报', level: '市级' },
  { name: '滨江晚报', level: '市级' },
  { name: '滨江电视台', level: '市级' },
  { name: '滨江发布', level: '市级' },
  { name: '区融媒体中心', level: '县级' },
  { name: '区政府网', level: '县级' }
]
export const COMMISSIONS = ['市卫生健康委员会', '区卫生健康局', '市民族宗教事务委员会']

export const THEMES_BY_TOPIC: Record<string, string> = {
  民族团结进步创建: '民族团结', 双语服务窗口: '民族团结', 医德医风建设: '医德医风', 清廉医院建设: '医德医风',
  健康科普进社区: '健康科普', 合理用药: '健康科普', 慢病管理: '健康科普', 志愿服务: '文明创建', 爱国卫生运动: '文明创建'
}

/** Title templates per channel; each is given the generator's random source. */
export const PIECE_TITLES: Record<string, ((r: Random) => string)[]> = {
  wechat: [
    (r) => `${r.pick(TOPICS)}正式启用 为群众就医再添便利`,
    (r) => `【健康科普】${r.pick(DISEASES)}的早期信号，这些症状别忽视`,
    (r) => `我院召开${r.pick(TOPICS)}工作推进会`,
    (r) => `${r.pick(DEPARTMENTS)}成功救治一名${r.pick(DISEASES)}危重患者`,
    (r) => `${r.pick(TOPICS)}｜这些变化你需要知道`,
    (r) => `医保新政解读：${r.pick(['门诊共济', '异地就医', '慢特病待遇', '住院报销比例', '药品集采'])}怎么办`,
    (r) => `民族团结一家亲 ${r.pick(DEPARTMENTS)}医护走进${r.pick(PLACES)}`,
    (r) => `“${r.pick(['我为群众办实事', '送医下乡', '健康中国行'])}”义诊走进${r.pick(PLACES)}`,
    (r) => `${r.pick(FESTIVALS)}假期门诊安排`
  ],
  video_account: [
    (r) => `【视频】${r.pick(DEPARTMENTS)}医生教你预防${r.pick(DISEASES)}`,
    (r) => `一分钟看懂${r.pick(TOPICS)}`,
    (r) => `【视频】民族团结进步宣传月 我们在行动`
  ],
  weibo: [
    (r) => `#健康科普# ${r.pick(DISEASES)}患者饮食注意事项`,
    (r) => `#滨江一院# ${r.pick(TOPICS)}最新动态`,
    (r) => `#医保# ${r.pick(['参保缴费', '医保码', '门诊报销'])}小贴士`
  ],
  douyin: [
    (r) => `医生说｜${r.pick(DISEASES)}到底能不能根治`,
    (r) => `${r.pick(DEPARTMENTS)}的一天`,
    (r) => `义诊现场：${r.pick(PLACES)}的乡亲们来了`
  ],
  website: [
    (r) => `我院开展${r.pick(TOPICS)}专题培训`,
    (r) => `${r.pick(DEPARTMENTS)}顺利通过${r.pick(['省级重点专科', '质量控制', '等级评审'])}评审`,
    (r) => `关于调整${r.pick(FESTIVALS)}期间门急诊安排的通知`,
    (r) => `我院举办民族团结进步主题${r.pick(['演讲比赛', '知识竞赛', '文艺汇演', '座谈会'])}`
  ],
  led: [
    (r) => `标语：${r.pick(['民族团结一家亲', '创建文明城市 共建美好家园', '改善医疗服务 提升群众满意度', '预防为主 健康同行'])}`,
    (r) => `节日祝福：${r.pick(FESTIVALS)}快乐`,
    (r) => `专家出诊：${r.pick(DEPARTMENTS)}本周专家安排`,
    () => '药品价格公示'
  ],
  tv: [(r) => `公益宣传片：${r.pick(['合理用药', '控烟', '文明就医', '防范电信诈骗', '民族团结', '医保反欺诈'])}`],
  media: [
    (r) => `${HOSPITAL.fullName}${r.pick(TOPICS)}取得新进展`,
    (r) => `${r.pick(TOPICS)}惠及${r.pick(['群众', '各族群众', '患者', '基层'])}`,
    (r) => `滨江：义诊下基层 健康送到家`,
    (r) => `民族团结之花在医院绽放`
  ],
  gov_report: [
    (r) => `工作动态：${r.pick(TOPICS)}${r.pick(['有序推进', '开展情况', '周报', '阶段总结'])}`,
    (r) => `工作动态：开展民族团结进步宣传月义诊活动`,
    (r) => `工作动态：医保基金监管${r.pick(['自查自纠', '专项整治', '宣传月'])}情况`
  ],
  print: [(r) => `${r.pick(['健康科普', '医保政策', '民族团结', '合理用药', '廉政文化', '控烟'])}${r.pick(['宣传册', '单页', '展板', '横幅', '海报'])}`],
  event: [
    (r) => `“${r.pick(['爱牙日', '爱眼日', '世界糖尿病日', '高血压日', '世界卫生日'])}”义诊进${r.pick(PLACES)}`,
    (r) => `民族团结进步宣传月义诊（${r.pick(PLACES)}）`,
    (r) => `${r.pick(DISEASES)}健康讲座`,
    (r) => `医保政策宣讲进${r.pick(PLACES)}`
  ],
  notice: [(r) => `${r.pick(DEPARTMENTS)}外聘专家坐诊信息`],
  meeting: [
    (r) => `${r.pick(['一', '二', '三', '四'])}季度意识形态工作专题会`,
    () => '党委理论学习中心组集体学习',
    () => '民族团结进步创建工作推进会'
  ],
  honor: [
    () => '患者家属赠送锦旗“医术精湛 医德高尚”',
    () => '患者来信感谢医护人员悉心照料',
    (r) => `${r.pick(DEPARTMENTS)}荣获“民族团结进步模范集体”称号`
  ]
}

/** Pieces per channel in one year of a big hospital (10,000 a year). */
export const CHANNEL_SHARE: Record<string, number> = {
  wechat: 2200, video_account: 600, weibo: 1200, douyin: 600, website: 1500, led: 800, tv: 300, media: 900,
  gov_report: 600, print: 300, event: 500, notice: 300, meeting: 150, honor: 50
}

export const BODY_SENTENCES = [
  '为进一步提升群众就医获得感，医院持续优化服务流程。',
  '活动现场，医护人员为群众免费测量血压、血糖，发放健康宣传资料。',
  '医保办工作人员现场解答参保群众关心的报销问题。',
  '各族干部职工像石榴籽一样紧紧抱在一起，共同促进民族团结。',
  '专家团队结合典型病例，讲解了常见病的预防和早期识别。',
  '下一步，医院将继续深化改革，推动高质量发展。',
  '本次义诊共接待群众三百余人次，发放宣传资料一千余份。',
  '医院党委高度重视意识形态工作，定期研判舆情。'
]
