// 舆情专报 of one incident: a mention is already the cluster of its sources. What happened (title, snippet), when
// it was first published and when the desk found it, how it spread (each source in time order), each 研判/处置
// step with who and when (the triage trail, plus the assignments, corrections, 上报 and the linked reply from the
// audit log), the outcome, and the evidence list. Nothing is invented: each 存证 (the page as fetched, with its
// SHA-256) is listed; without one, the 专报 says no page was kept. Pure: data in, paragraphs and the 附表 out.
import type { DraftParagraph } from '../../shared/contract/reports'
import type { BriefTable } from '../../shared/contract/watch-reports'
import type { MentionDetail } from '../../shared/contract/mentions'
import { channelLabel } from '../../shared/channels'
import { chinaClock } from '../../shared/dates'
import { clockCell, clockWords, dayWords, fileSafe, numbered, quoted, spanBetween, statusWords } from './report-words'

/** One audit row of the mention (db/queries/audit.ts listAudit), as the handler hands it over. */
export interface IncidentChange {
  /** The audit row's id: the order things were done in when two share a time. */
  id: number
  at: string
  actor: string
  action: string
  changes: Record<string, unknown>
}

export interface IncidentEvidence {
  fileName: string
  size: number
}

/** One 存证 of the article page (db/queries/snapshots.ts). */
export interface IncidentSnapshot {
  fetchedAt: string
  finalUrl: string
  htmlSha256: string
  textSha256: string
  /** The page image laid out from the same bytes (the desktop app), when there is one. */
  pagePngSha256?: string | null
  pagePdfSha256?: string | null
}

export interface IncidentInput {
  hospital: string
  watchUnit: string
  /** When the 专报 is written (ISO): the 截至 of an incident still open, and the date under the signature. */
  now: string
  mention: Pick<MentionDetail,
    'id' | 'title' | 'snippet' | 'link' | 'feedName' | 'grade' | 'gradeManual' | 'sentiment' | 'sentimentManual' | 'sentimentCues' |
    'publishedAt' | 'fetchedAt' | 'status' | 'assignee' | 'escalated' | 'closedAt' | 'removed' | 'sources' | 'events' | 'piece'>
  changes: IncidentChange[]
  /** 佐证材料 files of the linked ledger piece. */
  evidence: IncidentEvidence[]
  /** 存证 of the mention's page, any order. */
  snapshots?: IncidentSnapshot[]
}

export interface IncidentDocument {
  title: string
  fileName: string
  paragraphs: DraftParagraph[]
  tables: BriefTable[]
}

const body = (key: string, text: string): DraftParagraph => ({ kind: 'body', key, text })
const heading = (key: string, text: string): DraftParagraph => ({ kind: 'heading', key, text })
const stop = (s: string): string => s.trim().replace(/[。；;.，,\s]+$/, '')

/** One step of the 处置过程: a triage step (mention_events) or another recorded change (audit log). */
interface Step {
  at: string
  actor: string
  text: string
  order: number
}

const sizeWords = (bytes: number): string => (bytes < 1024 ? `${bytes} 字节` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`)

const pair = (v: unknown): [unknown, unknown] | null => (Array.isArray(v) && v.length === 2 ? [v[0], v[1]] : null)

/** The audit rows that are not the triage trail itself, in words: 责任人, 更正, 上报, 回应稿件. */
function changeSteps(changes: IncidentChange[], pieceTitle: string | null): Step[] {
  const out: Step[] = []
  changes.forEach((c) => {
    // Triage steps and 移除 are in the trail (mention_events) with their notes: told once, from there.
    if (c.action !== 'update' || 'status' in c.changes) return
    const parts: string[] = []
    const assignee = pair(c.changes.assignee)
    if (assignee) {
      const [from, to] = assignee.map((x) => String(x ?? '').trim())
      parts.push(!to ? `取消责任人${from}` : from ? `将责任人由${from}改为${to}` : `指定${to}为责任人`)
    }
    const sentiment = pair(c.changes.sentiment)
    if (sentiment && sentiment[0] !== sentiment[1]) parts.push(`将情感倾向由${sentiment[0]}更正为${sentiment[1]}`)
    const grade = pair(c.changes.grade)
    if (grade && grade[0] !== grade[1]) parts.push(`将风险等级由${grade[0]}调整为${grade[1]}`)
    const escalated = pair(c.changes.escalated)
    if (escalated && escalated[0] !== escalated[1]) {
      const note = typeof c.changes.note === 'string' && c.changes.note.trim() ? `（${stop(c.changes.note)}）` : ''
      parts.push(escalated[1] ? `上报领导${note}` : `取消上报领导${note}`)
    }
    const piece = pair(c.changes.pieceId)
    if (piece && piece[0] !== piece[1]) {
      parts.push(piece[1] === null ? '取消关联回应稿件' : `关联回应稿件（台账第${piece[1]}号${pieceTitle && piece[1] !== null ? `《${pieceTitle}》` : ''}）`)
    }
    if (parts.length) out.push({ at: c.at, actor: c.actor, text: `${parts.join('，')}。`, order: c.id })
  })
  return out
}

/**
 * The trail's steps, each placed by the audit row written with it (same time, same move): a 责任人 saved with a
 * step was recorded just before it, a reply linked after it in the same minute just after.
 */
function triageSteps(events: IncidentInput['mention']['events'], changes: IncidentChange[]): Step[] {
  const used = new Set<number>()
  return events.map((e) => {
    const row = changes.find((c) => {
      const status = pair(c.changes.status)
      return !used.has(c.id) && c.at === e.at && status !== null && status[0] === e.fromStatus && status[1] === e.toStatus
    })
    if (row) used.add(row.id)
    const move = `将状态由${statusWords(e.fromStatus)}转为${statusWords(e.toStatus)}`
    return { at: e.at, actor: e.actor, text: `${move}${e.note ? `，说明：${stop(e.note)}` : ''}。`, order: row?.id ?? Number.MAX_SAFE_INTEGER }
  })
}

function outcome(i: IncidentInput, year: string): string {
  const m = i.mention
  const closing = [...m.events].reverse().find((e) => e.toStatus === m.status)
  if (m.removed) return `该信息已于${clockWords(m.removed.at, year)}由${m.removed.by}移除，理由：${stop(m.removed.reason)}。移除的信息不计入舆情统计，记录与处置过程予以保留。`
  if (m.status === 'closed' && m.closedAt) {
    const result = closing?.note ? `处置结果：${stop(closing.note)}。` : ''
    return `该舆情已于${clockWords(m.closedAt, year)}办结${closing ? `，办结人${closing.actor}` : ''}，自发现起历时${spanBetween(m.fetchedAt, m.closedAt)}。${result}`
  }
  if (m.status === 'ignored') {
    const why = closing?.note ? `，说明：${stop(closing.note)}` : ''
    return `经研判无需处置，${closing ? `已于${clockWords(closing.at, year)}由${closing.actor}予以忽略${why}` : '已予以忽略'}。`
  }
  const who = m.assignee ? `责任人${m.assignee}` : '尚未指定责任人'
  const escalated = m.escalated ? '，已上报领导' : ''
  const now = clockWords(i.now, year)
  if (m.status === 'new') return `截至${now}，该舆情尚未开展研判，${who}${escalated}，自发现起已${spanBetween(m.fetchedAt, i.now)}。`
  return `截至${now}，该舆情处于${statusWords(m.status)}状态，尚未办结，${who}${escalated}，自发现起已持续${spanBetween(m.fetchedAt, i.now)}。`
}

function spread(i: IncidentInput, year: string): DraftParagraph[] {
  const m = i.mention
  const sources = [...m.sources].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id - b.id)
  const first = sources[0]
  const firstAt = first?.publishedAt ?? m.publishedAt
  const foundAt = sources.length ? sources.map((s) => s.fetchedAt).sort()[0] : m.fetchedAt
  const out = [
    body('spread.times', `首发时间：${clockWords(firstAt, year)}${first?.feedName ? `，首发来源为${first.feedName}` : ''}。发现时间：${clockWords(foundAt, year)}，距首发${spanBetween(firstAt, foundAt)}。`)
  ]
  const feeds = new Set(sources.map((s) => s.feedName || '未命名来源'))
  if (sources.length <= 1) {
    out.push(body('spread.count', `截至${clockWords(i.now, year)}，仅监测到该来源发布，未发现其他来源转载。原文链接见附表。`))
    return out
  }
  out.push(body('spread.count', `截至${clockWords(i.now, year)}，共监测到${sources.length}个来源发布或转载${feeds.size < sources.length ? `（涉及${feeds.size}个订阅源）` : ''}，按发布时间排列如下（原文链接见附表）：`))
  sources.forEach((s, n) => {
    const title = s.title && s.title !== m.title ? `，标题为${quoted(s.title)}` : ''
    out.push(body(`spread.${n + 1}`, numbered(n, `${s.feedName || '未命名来源'}：${clockWords(s.publishedAt, year)}发布，${clockWords(s.fetchedAt, year)}抓取${title}。`)))
  })
  return out
}

function evidenceTable(i: IncidentInput): BriefTable {
  const m = i.mention
  const sources = [...m.sources].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id - b.id)
  const snaps = snapshotsOf(i)
  const rows: string[][] = sources.map((s, n) => [
    String(n + 1), n === 0 ? '首发原文' : '转载原文', `${s.feedName || '未命名来源'}，${clockCell(s.publishedAt)}发布`, s.link ?? '（无链接）',
    snaps.length && s.link === m.link ? '已存证（见下）' : '未留存快照'
  ])
  for (const x of snaps) {
    rows.push([String(rows.length + 1), '网页存证', `${clockCell(x.fetchedAt)}抓取`, `${x.finalUrl}（原始网页SHA-256：${x.htmlSha256}）`, '已存证'])
    if (x.pagePngSha256 && x.pagePdfSha256) {
      const made = `${clockCell(x.fetchedAt)}由存证网页排版`
      rows.push([String(rows.length + 1), '页面截图', made, `首屏截图PNG（SHA-256：${x.pagePngSha256}）`, '已存证'])
      rows.push([String(rows.length + 1), '页面PDF', made, `整页PDF（SHA-256：${x.pagePdfSha256}）`, '已存证'])
    }
  }
  if (m.piece) {
    rows.push([String(rows.length + 1), '回应稿件', `${channelLabel(m.piece.channel)}，${m.piece.date}`, `台账第${m.piece.id}号《${m.piece.title}》`, '已登记于台账'])
    for (const e of i.evidence) rows.push([String(rows.length + 1), '佐证材料', `回应稿件《${m.piece.title}》的附件`, `${e.fileName}（${sizeWords(e.size)}）`, '已存于台账'])
  }
  return {
    heading: '附表　佐证材料清单',
    intro: '原文链接为监测时抓取的地址。',
    headers: ['序号', '材料', '来源与时间', '链接或文件', '留存情况'],
    rows,
    // in characters of 小四 across an A4 text line (36)
    share: [3.2, 5, 10, 11.8, 6],
    right: [0],
    empty: '本舆情无原文链接，也未关联回应稿件。'
  }
}

function evidenceText(i: IncidentInput): string {
  const m = i.mention
  const links = m.sources.filter((s) => s.link).length
  const piece = m.piece ? `；回应稿件《${m.piece.title}》（台账第${m.piece.id}号）${i.evidence.length ? `及其佐证材料${i.evidence.length}份` : ''}` : '；尚未关联回应稿件'
  const snaps = snapshotsOf(i)
  if (!snaps.length) return `佐证材料清单见附表：各来源原文链接${links}条${piece}。各来源网页未留存网页快照，原文如被删除将无法复核，请及时截图存档。`
  const year = chinaClock(m.fetchedAt, 'yyyy')
  const imaged = (x: IncidentSnapshot) => !!(x.pagePngSha256 && x.pagePdfSha256)
  const list = snaps.map((x) => `${clockWords(x.fetchedAt, year)}抓取${x.finalUrl}，原始网页SHA-256为${x.htmlSha256}`).join('；')
  const images = snaps.filter(imaged).length
  const kept = images ? `；并由存证网页排版留存页面截图与整页PDF各${images}份（SHA-256见附表）` : ''
  return `佐证材料清单见附表：各来源原文链接${links}条${piece}；原文网页存证${snaps.length}份（${list}）${kept}，${images ? '原始网页、正文与页面图像' : '原始网页与正文'}均已留存于本系统，可凭SHA-256值核验未被改动。`
}

const snapshotsOf = (i: IncidentInput): IncidentSnapshot[] => [...(i.snapshots ?? [])].sort((a, b) => a.fetchedAt.localeCompare(b.fetchedAt))

/** What the desk judged, and whether a person did: 经系统初判 for the automatic reading, 经人工研判 once corrected. */
function sentimentText(m: IncidentInput['mention']): string {
  const cues = m.sentimentCues.length ? `（涉及${m.sentimentCues.slice(0, 5).map((c) => `“${c}”`).join('')}等表述）` : ''
  const sentiment = `情感倾向为${m.sentiment}${m.sentimentManual ? '' : cues}`
  const grade = `风险等级为${m.grade}`
  if (m.sentimentManual && m.gradeManual) return `经人工研判，该信息${sentiment}，${grade}。`
  if (!m.sentimentManual && !m.gradeManual) return `经系统初判，该信息${sentiment}，${grade}。`
  return m.sentimentManual ? `经人工研判，该信息${sentiment}；经系统初判，${grade}。` : `经系统初判，该信息${sentiment}；经人工研判，${grade}。`
}

export function incidentDocument(i: IncidentInput): IncidentDocument {
  const m = i.mention
  const year = chinaClock(m.fetchedAt, 'yyyy')
  const kind = m.sentiment === '负面' ? '负面舆情' : m.grade === '一般' ? '网络信息' : '舆情'
  const source = m.sources[0]?.feedName || m.feedName
  const steps = [...triageSteps(m.events, i.changes), ...changeSteps(i.changes, m.piece?.title ?? null)].sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order)
  const text = m.snippet.trim()
  const said = text ? `${stop(text.replace(/…$/, ''))}${text.endsWith('…') ? '……' : '。'}` : ''
  const paragraphs: DraftParagraph[] = [
    { kind: 'title', key: 'title', text: `${i.hospital}\n舆情专报` },
    body('opening', `${dayWords(m.fetchedAt)}，${i.watchUnit}监测发现一条涉及我院的${kind}${quoted(m.title)}（风险等级：${m.grade}）。现将有关情况报告如下。`),
    heading('h.summary', '一、事件概况'),
    body('summary', said
      ? `${clockWords(m.publishedAt, year)}，${source || '网络'}发布信息称：${said}`
      : `${clockWords(m.publishedAt, year)}，${source || '网络'}发布上述信息，原文未附摘要，详见附表所列原文链接。`),
    body('summary.assessment', sentimentText(m)),
    heading('h.spread', '二、发现与传播情况'),
    ...spread(i, year),
    heading('h.steps', '三、研判与处置过程'),
    ...(steps.length
      ? steps.map((s, n) => body(`steps.${n + 1}`, numbered(n, `${clockWords(s.at, year)}，${s.actor}${s.text}`)))
      : [body('steps', '该舆情尚无研判处置记录。')]),
    heading('h.outcome', '四、处置结果'),
    body('outcome', outcome(i, year)),
    heading('h.evidence', '五、佐证材料'),
    body('evidence', evidenceText(i)),
    { kind: 'sign', key: 'sign.unit', text: `${i.hospital}${i.watchUnit}` },
    { kind: 'sign', key: 'sign.date', text: dayWords(i.now) }
  ]
  const title = `${i.hospital}舆情专报`
  return { title, fileName: `${fileSafe(`${title}（${m.title}）`)}.docx`, paragraphs, tables: [evidenceTable(i)] }
}
