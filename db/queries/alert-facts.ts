// What an alert says about a mention (to the group robots): its plain title, source and the facts behind its grade.
import { eq } from 'drizzle-orm'
import type { Db } from '../open'
import { feeds, mentions } from '../schema'

export interface AlertFacts {
  title: string
  grade: string
  gradeManual: boolean
  sentiment: string
  cues: string[]
  sourceCount: number
  /** The feed's name, '' when it was deleted. */
  source: string
  /** The feed's weight (0 自媒体 … 3 中央/省级). */
  weight: number
  fetchedAt: string
  /** Why the grade is what it is, as the grading stored it (4 个来源 3 小时内转载, 人工更正…); '' before it existed. */
  gradeReason: string
}

export function alertFacts(db: Db, id: number): AlertFacts | null {
  const r = db
    .select({
      title: mentions.title,
      grade: mentions.grade,
      gradeManual: mentions.gradeManual,
      sentiment: mentions.sentiment,
      cues: mentions.sentimentCues,
      sourceCount: mentions.sourceCount,
      source: feeds.name,
      weight: feeds.weight,
      fetchedAt: mentions.fetchedAt,
      gradeReason: mentions.gradeReason
    })
    .from(mentions)
    .leftJoin(feeds, eq(feeds.id, mentions.feedId))
    .where(eq(mentions.id, id))
    .get()
  return r ? { ...r, source: r.source ?? '', weight: r.weight ?? 0 } : null
}
