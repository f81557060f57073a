// 规范表述校对: find wrong forms of standard political and institutional formulations and of the hospital's own
// name. Only warns; the officer decides.
//
// A wrong form is often a piece of the right one ("民族共同体意识" inside "中华民族共同体意识", "十九大" inside
// "党的十九大"), so an occurrence of the wrong form that lies inside an occurrence of its right form is not a hit.

export interface ProofEntry {
  wrong: string
  right: string
  note?: string
}

export interface ProofHit {
  field: 'title' | 'body' | 'notes'
  wrong: string
  right: string
  note: string
  /** Offset of the hit in the field's text. */
  index: number
  /** The hit with a few characters either side, for showing where it is. */
  context: string
}

/** Shipped default; the office edits its own copy in 设置 › 规范表述. */
export const DEFAULT_PROOF_TERMS: ProofEntry[] = [
  { wrong: '民族共同体意识', right: '中华民族共同体意识', note: '“铸牢中华民族共同体意识”不可省略“中华”' },
  { wrong: '十九大', right: '党的十九大', note: '规范表述为“党的十九大”' },
  { wrong: '二十大', right: '党的二十大', note: '规范表述为“党的二十大”' },
  { wrong: '新冠肺炎', right: '新冠病毒感染', note: '2022年12月26日起更名为“新型冠状病毒感染”' },
  { wrong: '新型冠状病毒肺炎', right: '新型冠状病毒感染', note: '2022年12月26日起更名' },
  { wrong: '卫计委', right: '卫健委', note: '2018年机构改革后为卫生健康委员会' },
  { wrong: '卫生计生委', right: '卫生健康委', note: '2018年机构改革后为卫生健康委员会' },
  { wrong: '台湾总统', right: '台湾地区领导人' },
  { wrong: '少数名族', right: '少数民族', note: '错别字' },
  { wrong: '民族团节', right: '民族团结', note: '错别字' },
  { wrong: '意识型态', right: '意识形态', note: '错别字' },
  { wrong: '一带一路倡议', right: '“一带一路”倡议', note: '“一带一路”须加引号' }
]

/**
 * Likely wrong forms of the hospital's own name, derived from the profile: the homophone slip 人民→人名,
 * 中医医院 shortened to 中医院, and the name without its 县/市 — each only when it is not one of the
 * hospital's registered aliases.
 */
export function nameSlips(profile: { fullName: string; aliases: string[] } | null): ProofEntry[] {
  if (!profile) return []
  const good = [profile.fullName, ...profile.aliases]
  const name = profile.fullName
  const candidates = new Set<string>()
  if (name.includes('人民')) candidates.add(name.replace('人民', '人名'))
  if (name.includes('中医医院')) candidates.add(name.replace('中医医院', '中医院'))
  const county = name.match(/^(.{2,4}?)[县市区]/)
  if (county) candidates.add(name.replace(/^(.{2,4}?)[县市区]/, '$1'))
  const out: ProofEntry[] = []
  for (const wrong of candidates) {
    if (wrong === name || wrong.length < 4 || good.some((g) => g === wrong || g.includes(wrong))) continue
    out.push({ wrong, right: name, note: '本院名称，请使用全称或登记的简称' })
  }
  return out
}

function occurrences(text: string, needle: string): number[] {
  const out: number[] = []
  if (!needle) return out
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i)
  return out
}

const CONTEXT = 10

/** Every hit of the dictionary in the piece's title, body and notes, in reading order. */
export function proofread(texts: { title?: string; body?: string; notes?: string }, entries: ProofEntry[]): ProofHit[] {
  const hits: ProofHit[] = []
  for (const field of ['title', 'body', 'notes'] as const) {
    const text = texts[field] ?? ''
    if (!text) continue
    for (const e of entries) {
      const rights = occurrences(text, e.right)
      const inside = (i: number) => rights.some((r) => r <= i && i + e.wrong.length <= r + e.right.length)
      for (const i of occurrences(text, e.wrong)) {
        if (inside(i)) continue
        const context = text.slice(Math.max(0, i - CONTEXT), i + e.wrong.length + CONTEXT).replace(/\s+/g, ' ')
        hits.push({ field, wrong: e.wrong, right: e.right, note: e.note ?? '', index: i, context })
      }
    }
  }
  const order = { title: 0, body: 1, notes: 2 }
  return hits.sort((a, b) => order[a.field] - order[b.field] || a.index - b.index)
}
