import { decodeEntities } from './entities'

// Tags whose content is never readable text.
const SKIP_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'head', 'object'])
// Tags that separate words; inline tags (<span>, <b>, <a>) must not, or Chinese text would gain spaces.
const BLOCK = new Set(['p', 'br', 'div', 'li', 'ul', 'ol', 'tr', 'td', 'th', 'table', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'section', 'article', 'blockquote', 'hr', 'img', 'figure', 'figcaption', 'dd', 'dt', 'pre'])
const TAG_NAME = /<\/?([A-Za-z][A-Za-z0-9:-]{0,31})/y

function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  let cut = max - 1
  // Do not split a surrogate pair (emoji, rare CJK ideographs outside the BMP).
  if (/[\uD800-\uDBFF]/.test(text[cut - 1])) cut--
  return text.slice(0, cut) + '…'
}

/**
 * Plain text of an HTML fragment from a feed: tags dropped, script/style content dropped, entities decoded,
 * whitespace (including 全角 spaces used for paragraph indents) collapsed, at most `max` characters. A hand
 * scan with indexOf instead of regexes like `<script[\s\S]*?</script>`, which go quadratic on hostile input;
 * scanning also stops once far more text than needed has been collected.
 */
export function htmlToText(html: string, max: number): string {
  const parts: string[] = []
  let collected = 0
  const budget = max * 8 + 1024
  let pos = 0
  while (pos < html.length && collected < budget) {
    const lt = html.indexOf('<', pos)
    const chunk = html.slice(pos, lt === -1 ? html.length : lt)
    parts.push(chunk)
    collected += chunk.length
    if (lt === -1) break
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4)
      pos = end === -1 ? html.length : end + 3
      continue
    }
    TAG_NAME.lastIndex = lt
    const m = TAG_NAME.exec(html)
    if (!m) {
      // "血压 < 140" is text, not a tag.
      parts.push('<')
      pos = lt + 1
      continue
    }
    const gt = html.indexOf('>', lt)
    if (gt === -1) break
    const name = m[1].toLowerCase()
    pos = gt + 1
    if (BLOCK.has(name)) {
      parts.push(' ')
      collected++
    }
    if (SKIP_CONTENT.has(name) && html[lt + 1] !== '/') {
      const close = new RegExp(`</${name}\\s*>`, 'gi')
      close.lastIndex = pos
      const found = close.exec(html)
      pos = found ? found.index + found[0].length : html.length
    }
  }
  const text = decodeEntities(parts.join('')).replace(/\s+/g, ' ').trim()
  return truncate(text, max)
}
