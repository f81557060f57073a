import { describe, expect, it } from 'vitest'
import { decodeEntities, foldText, foldWithMap, originalRange, stripHtml } from '../../services/text/normalize'

describe('stripHtml', () => {
  it('removes tags, drops script/style contents, decodes entities and collapses spaces', () => {
    const html = '<div class="a">医<b>闹</b>事件</div>\n<script>var x = "<p>不要</p>"</script><style>p{}</style>' +
      '<p>患者&amp;家属&nbsp;&nbsp;称&#x4E2D;&#25991;&lt;ok&gt;</p><!-- 注释 -->尾'
    expect(stripHtml(html)).toBe('医闹事件 患者&家属 称中文<ok> 尾')
  })

  it('keeps words apart across block tags but not inline ones', () => {
    expect(stripHtml('<p>甲</p><p>乙</p><br/>丙<span>丁</span>')).toBe('甲 乙 丙丁')
  })

  it('keeps text that only looks like a tag start and unwraps CDATA', () => {
    expect(stripHtml('a < b, 3<5 and x<y')).toBe('a < b, 3<5 and x<y')
    expect(stripHtml('<![CDATA[<p>医保</p>政策]]>')).toBe('医保 政策')
    expect(stripHtml('<a title="x>y" href=\'z\'>链接</a>')).toBe('链接')
  })

  it('does not let decoded entities form new markup and rejects bad code points', () => {
    expect(stripHtml('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('<script>alert(1)</script>')
    expect(decodeEntities('&#0;&#xD800;&#99999999;&bogus;')).toBe('\ufffd\ufffd\ufffd&bogus;')
  })

  it('runs in linear time on hostile input', () => {
    const n = 200_000
    const hostile = ['<a'.repeat(n), '<!--'.repeat(n), '&#'.repeat(n), '<a b="'.repeat(n), '<script>'.repeat(n), '<![CDATA['.repeat(n)]
    const t0 = performance.now()
    for (const h of hostile) stripHtml(h)
    expect(performance.now() - t0).toBeLessThan(2000)
  })
})

describe('foldText', () => {
  it('folds width, case and traditional characters', () => {
    expect(foldText('ＡＢＣ１２３')).toBe('abc123')
    expect(foldText('甲\u3000乙')).toBe('甲 乙')
    expect(foldText('黃平縣中醫醫院')).toBe('黄平县中医医院')
    expect(foldText('黄平县中医医院')).toBe('黄平县中医医院')
    expect(foldText('醫保 團結 臺灣 裡面')).toBe(foldText('医保 团结 台湾 里面'))
    expect(foldText('医\u200b闹')).toBe('医闹')
  })

  it('is idempotent and returns the same string object when nothing changes', () => {
    const s = '民族团结进步月 abc'
    expect(foldText(s)).toBe(s)
    const trad = '黃平:守正創新揚中醫 民族團結創示範，ＸＹ'
    expect(foldText(foldText(trad))).toBe(foldText(trad))
  })

  it('handles astral characters and lone surrogates', () => {
    expect(foldText('𝐀𝐁')).toBe('ab')
    expect(foldText('a\ud800b')).toBe('a\ud800b')
  })
})

describe('foldWithMap', () => {
  it('agrees with foldText and maps folded ranges back to the original', () => {
    const original = '《黃平縣中醫醫院》ＡＢ㎏𝐀'
    const map = foldWithMap(original)
    expect(map.folded).toBe(foldText(original))
    const at = map.folded.indexOf('中医医院')
    const [s, e] = originalRange(map, at, at + 4)
    expect(original.slice(s, e)).toBe('中醫醫院')
    // ㎏ expands to "kg" under NFKC: either half maps back to the whole original character.
    const kg = map.folded.indexOf('kg')
    expect(original.slice(...originalRange(map, kg + 1, kg + 2))).toBe('㎏')
    const astral = map.folded.length - 1
    expect(original.slice(...originalRange(map, astral, astral + 1))).toBe('𝐀')
  })
})
