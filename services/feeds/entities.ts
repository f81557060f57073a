// HTML named entities seen in Chinese CMS feeds (TRS, 大汉, 织梦…), which the strict XML parser rejects
// unless they are rewritten as numeric references. Not the full HTML5 list: the long tail is rare in feeds,
// and an unknown name is kept as literal text rather than failing the whole feed.
export const HTML_ENTITIES: Readonly<Record<string, number>> = {
  nbsp: 0xa0, ensp: 0x2002, emsp: 0x2003, thinsp: 0x2009, zwnj: 0x200c, zwj: 0x200d, lrm: 0x200e, rlm: 0x200f,
  ndash: 0x2013, mdash: 0x2014, lsquo: 0x2018, rsquo: 0x2019, sbquo: 0x201a, ldquo: 0x201c, rdquo: 0x201d,
  bdquo: 0x201e, dagger: 0x2020, Dagger: 0x2021, bull: 0x2022, hellip: 0x2026, permil: 0x2030, prime: 0x2032,
  Prime: 0x2033, lsaquo: 0x2039, rsaquo: 0x203a, oline: 0x203e, euro: 0x20ac, trade: 0x2122,
  iexcl: 0xa1, cent: 0xa2, pound: 0xa3, curren: 0xa4, yen: 0xa5, brvbar: 0xa6, sect: 0xa7, uml: 0xa8,
  copy: 0xa9, ordf: 0xaa, laquo: 0xab, not: 0xac, shy: 0xad, reg: 0xae, macr: 0xaf, deg: 0xb0, plusmn: 0xb1,
  sup2: 0xb2, sup3: 0xb3, acute: 0xb4, micro: 0xb5, para: 0xb6, middot: 0xb7, cedil: 0xb8, sup1: 0xb9,
  ordm: 0xba, raquo: 0xbb, frac14: 0xbc, frac12: 0xbd, frac34: 0xbe, iquest: 0xbf, times: 0xd7, divide: 0xf7,
  Agrave: 0xc0, Aacute: 0xc1, Acirc: 0xc2, Auml: 0xc4, Ccedil: 0xc7, Egrave: 0xc8, Eacute: 0xc9, Ouml: 0xd6,
  Uuml: 0xdc, szlig: 0xdf, agrave: 0xe0, aacute: 0xe1, acirc: 0xe2, auml: 0xe4, ccedil: 0xe7, egrave: 0xe8,
  eacute: 0xe9, ecirc: 0xea, euml: 0xeb, igrave: 0xec, iacute: 0xed, ograve: 0xf2, oacute: 0xf3, ouml: 0xf6,
  ugrave: 0xf9, uacute: 0xfa, uuml: 0xfc, alpha: 0x3b1, beta: 0x3b2, gamma: 0x3b3, delta: 0x3b4, mu: 0x3bc,
  pi: 0x3c0, sigma: 0x3c3, omega: 0x3c9, larr: 0x2190, uarr: 0x2191, rarr: 0x2192, darr: 0x2193,
  harr: 0x2194, minus: 0x2212, radic: 0x221a, infin: 0x221e, ne: 0x2260, le: 0x2264, ge: 0x2265,
  asymp: 0x2248, loz: 0x25ca, spades: 0x2660, clubs: 0x2663, hearts: 0x2665, diams: 0x2666,
  // The five XML ones, so text decoding (decodeEntities in services/text/normalize.ts) can use the same table.
  amp: 0x26, lt: 0x3c, gt: 0x3e, quot: 0x22, apos: 0x27
}

/** XML 1.0 `Char` production: anything else makes the strict parser reject the feed. */
export function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
}

/** Parses `#123` / `#x1F` (without & and ;) to a code point, or null when it is not a usable character. */
export function numericRefCodePoint(ref: string): number | null {
  const hex = ref[1] === 'x' || ref[1] === 'X'
  const cp = parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10)
  return Number.isFinite(cp) && isXmlChar(cp) ? cp : null
}
