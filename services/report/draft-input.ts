// What the half-year draft is written from (services/report/draft.ts, sections.ts, problems.ts): the figure set,
// the titles its sentences quote, and the facts beyond the figures (handlers/reports/draft-facts.ts gathers them).
import type { FigureSet, MonthSignoff, NumberWording } from '../../shared/contract/reports'
import type { HospitalLevel } from '../../shared/contract/app'

/** Titles and names the sentences quote (fetched by the ids behind the figures). */
export interface DraftDetails {
  /** Pieces accepted by 省级 / 国家级 outlets. */
  provincialAccepted: { title: string; venue: string }[]
  selfMadeVideos: string[]
  /** Event titles, oldest first. */
  events: string[]
  ethnicEvents: string[]
  /** The bilingual forms of the pieces and events that counted as 双语 (苗汉双语…). */
  languages: string[]
}

/** A negative or serious mention of the period still open (新, 研判, 处置中), most serious first. */
export interface OpenMention {
  id: number
  title: string
  grade: string
  status: string
}

/** What the draft knows beyond the figures: 本院信息 and the state of things the problems section reads. */
export interface DraftFacts {
  hospital: { level: HospitalLevel; watchUnit: string; commission: string }
  openMentions: OpenMention[]
  /** Accounts in use with a 阵地管理 warning (no 责任人, registered late or not at all). */
  accounts: { name: string; warnings: string[] }[]
  signoffs: MonthSignoff[]
  /** Quota id → its channel (what the next step asks for). */
  quotaChannels: Record<number, string | null>
  /** The date the draft bears, 'YYYY-MM-DD'. */
  date: string
}

export interface DraftInput {
  set: FigureSet
  details: DraftDetails
  facts: DraftFacts
  wording: NumberWording
  /** How the sentences name the period: 上半年, 5月份, 二季度. */
  short: string
}
