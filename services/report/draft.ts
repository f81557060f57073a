// The 意识形态工作总结 draft, in the register of seed 004: the title (broken into 单位 / 期间+文种 when it does not
// fit one line), the opening with the guiding line of its year, the body sections of the outline
// (services/report/sections.ts), 存在的问题 and 下一步工作打算 drafted from the data (services/report/problems.ts),
// and the signature block. Pure: the figure set, a few titles and the hospital's facts in, paragraphs out — Word,
// the preview and the tests all read the same paragraphs, each with a stable key the officer's edits hang on.
import type { DraftParagraph, FigureSet } from '../../shared/contract/reports'
import type { DraftInput } from './draft-input'
import { chineseDate, chineseNumeral } from './numbers'
import { OUTLINE, SELF, committeesOf, congressOf, type Section, type Sentence } from './sections'
import { closingSections } from './problems'

/** A 二号 title line holds about 20 characters on A4 with the standard margins. */
const TITLE_LINE = 20

export function draftTitle(set: FigureSet): string {
  return `${set.hospital}${set.period.label}意识形态工作总结`
}

/** The title as printed: broken on purpose into 单位 / 期间+文种 when it does not fit one line. */
export function printedTitle(set: FigureSet): string {
  const whole = draftTitle(set)
  return whole.length > TITLE_LINE && set.hospital ? `${set.hospital}\n${set.period.label}意识形态工作总结` : whole
}

function opening(input: DraftInput): string {
  const { set, facts } = input
  const commission = facts.hospital.commission
  return (
    `${set.period.label}，${SELF}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻${congressOf(set.period.to)}精神，` +
    `认真落实${committeesOf(facts.hospital.level)}关于意识形态工作的决策部署和指示精神，在${commission}党委的指导下，牢牢把握正确的政治方向，` +
    `结合医疗卫生工作实际，坚持把意识形态工作摆在重要位置，通过引导、宣传、教育、培训等方式扎实推进各项工作。现将${set.period.label}意识形态工作开展情况汇报如下：`
  )
}

/** The whole draft, paragraph by paragraph. */
export function draftReport(input: DraftInput): DraftParagraph[] {
  const { set } = input
  const closing = closingSections(input)
  const sections: Section[] = [
    ...OUTLINE.map((build) => build(input)).filter((s): s is Section => s !== null),
    { id: 'problems', heading: '存在的问题', body: closing.problems },
    { id: 'next', heading: '下一步工作打算', body: closing.next }
  ]
  const body = (key: string, s: Sentence): DraftParagraph => ({ kind: 'body', key, text: s.text, ...(s.confirm ? { confirm: true } : {}) })
  const out: DraftParagraph[] = [
    { kind: 'title', key: 'title', text: printedTitle(set) },
    { kind: 'body', key: 'opening', text: opening(input) }
  ]
  sections.forEach((s, i) => {
    out.push({ kind: 'heading', key: `${s.id}.heading`, text: `${chineseNumeral(i + 1)}、${s.heading}` })
    s.body.forEach((b, j) => out.push(body(`${s.id}.${j + 1}`, b)))
  })
  if (set.hospital) out.push({ kind: 'sign', key: 'sign.hospital', text: set.hospital })
  out.push({ kind: 'sign', key: 'sign.date', text: chineseDate(input.facts.date) })
  return out
}
