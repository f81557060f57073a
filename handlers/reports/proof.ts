// 规范表述提示 on the draft as it reads (the officer's edits applied): the office's dictionary (设置 › 规范表述) and
// the wrong forms of the hospital's own name, by the paragraph each hit is in.
import { proofDictionary } from '../review/chains'
import { proofreadParagraphs } from '../../shared/proofread'
import type { DraftParagraph, DraftProofHit } from '../../shared/contract/reports'
import type { Db } from '../../db/open'

export function draftProof(db: Db, paragraphs: readonly DraftParagraph[]): DraftProofHit[] {
  return proofreadParagraphs([...paragraphs], proofDictionary(db))
}
