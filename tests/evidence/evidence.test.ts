import { describe, it, expect, afterEach } from 'vitest'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { sanitizeFileName, classify } from '../../services/evidence/files'

let d: TestDesk
afterEach(() => d?.close())

// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

async function withPiece(): Promise<number> {
  return (await d.call('piece-create', { channel: 'event', title: '义诊', date: '2023-06-01', status: 'completed', kind: '义诊' })).id
}

/** Every file under a folder, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

describe('evidence file names', () => {
  it('strips folders, control and bidi characters, Windows-forbidden characters and reserved names', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd')
    expect(sanitizeFileName('..\\..\\Windows\\system32\\evil.png')).toBe('evil.png')
    expect(sanitizeFileName('照片\u0000\u0007.jpg')).toBe('照片.jpg')
    expect(sanitizeFileName('报告\u202Efdp.exe')).toBe('报告fdp.exe')
    expect(sanitizeFileName('a<b>:c"d|e?f*.pdf')).toBe('a_b__c_d_e_f_.pdf')
    expect(sanitizeFileName('CON.txt')).toBe('_CON.txt')
    expect(sanitizeFileName('lpt1')).toBe('_lpt1')
    expect(sanitizeFileName('nul.tar.gz')).toBe('_nul.tar.gz')
    expect(sanitizeFileName('签到表.docx. . ')).toBe('签到表.docx')
    expect(sanitizeFileName('..')).toBe('未命名文件')
    expect(sanitizeFileName('.hidden')).toBe('hidden')
    expect(sanitizeFileName('长'.repeat(300) + '.jpg').length).toBe(120)
  })

  it('types files by their bytes, refuses programs whatever their name, and unknown extensions', () => {
    expect(classify('a.png', PNG)).toEqual({ ok: true, mime: 'image/png', isImage: true })
    expect(classify('photo.jpg', PNG)).toEqual({ ok: true, mime: 'image/png', isImage: true })
    expect(classify('fake.jpg', Buffer.from('<html><script>'))).toEqual({ ok: true, mime: 'application/octet-stream', isImage: false })
    expect(classify('report.pdf', Buffer.from('MZ\x90\x00'))).toEqual({ ok: false, reason: '这是一个可执行程序，不能作为佐证材料' })
    expect(classify('run.bat', Buffer.from('echo'))).toMatchObject({ ok: false, reason: expect.stringMatching(/不支持的文件类型“\.bat”/) })
  })
})

describe('evidence handlers', () => {
  it('stores a file content-addressed under evidence/ab/abcdef…, once for duplicates', async () => {
    d = freshDesk()
    const a = await withPiece()
    const b = await withPiece()
    const one = await d.call('evidence-add', { pieceId: a, fileName: '现场照片.png', dataBase64: PNG.toString('base64') })
    const two = await d.call('evidence-add', { pieceId: b, fileName: '同一张照片.png', dataBase64: PNG.toString('base64') })
    expect(one.sha256).toBe(two.sha256)
    expect(one).toMatchObject({ fileName: '现场照片.png', mime: 'image/png', isImage: true, size: PNG.length, addedBy: '测试干事' })
    const blob = join(d.ctx.dataDir, 'evidence', one.sha256.slice(0, 2), one.sha256)
    expect(readFileSync(blob)).toEqual(PNG)
    expect(filesUnder(join(d.ctx.dataDir, 'evidence'))).toEqual([blob])
    const same = await d.invoke('evidence-add', { pieceId: a, fileName: '再传一次.png', dataBase64: PNG.toString('base64') })
    expect(!same.ok && same.error.message).toBe('《义诊》已附有相同内容的文件“现场照片.png”')
    expect((await d.call('evidence-list', { pieceId: a })).map((e) => e.fileName)).toEqual(['现场照片.png'])
  })

  it('refuses traversal in names: nothing is ever written outside the data folder', async () => {
    d = freshDesk()
    const id = await withPiece()
    const before = filesUnder(d.dir).filter((f) => !f.startsWith(resolve(d.ctx.dataDir)))
    const e = await d.call('evidence-add', { pieceId: id, fileName: '../../../../tmp/evil.pdf', dataBase64: PDF.toString('base64') })
    expect(e.fileName).toBe('evil.pdf')
    const opened = await d.call('evidence-path', { id: e.id })
    expect(opened.path).toBe(join(resolve(d.ctx.dataDir), 'evidence', 'open', String(e.id), 'evil.pdf'))
    expect(readFileSync(opened.path)).toEqual(PDF)
    const after = filesUnder(d.dir).filter((f) => !f.startsWith(resolve(d.ctx.dataDir)))
    expect(after.filter((f) => !f.includes('desk.sqlite'))).toEqual(before.filter((f) => !f.includes('desk.sqlite')))
    const bad = await d.invoke('evidence-upload-part', { uploadId: '../../x', offset: 0, dataBase64: 'AA==' })
    expect(!bad.ok && bad.error.message).toBe('上传编号：上传编号无效')
  })

  it('accepts a big file in parts and refuses more than 100 MB with a clear message', async () => {
    d = freshDesk()
    const id = await withPiece()
    const part = Buffer.alloc(6 * 1024 * 1024, 7)
    part.write('%PDF-1.7', 0)
    const uploadId = 'a'.repeat(32)
    expect(await d.call('evidence-upload-part', { uploadId, offset: 0, dataBase64: part.toString('base64') })).toEqual({ received: part.length })
    const tail = Buffer.alloc(6 * 1024 * 1024, 8)
    expect((await d.call('evidence-upload-part', { uploadId, offset: part.length, dataBase64: tail.toString('base64') })).received).toBe(12 * 1024 * 1024)
    const gap = await d.invoke('evidence-upload-part', { uploadId, offset: 1, dataBase64: 'AA==' })
    expect(!gap.ok && gap.error.message).toMatch(/分块顺序不对/)
    const e = await d.call('evidence-add', { pieceId: id, fileName: '会议纪要扫描件.pdf', uploadId })
    expect(e).toMatchObject({ size: 12 * 1024 * 1024, mime: 'application/pdf' })
    expect(statSync(join(d.ctx.dataDir, 'evidence', e.sha256.slice(0, 2), e.sha256)).size).toBe(12 * 1024 * 1024)
    expect(existsSync(join(d.ctx.dataDir, 'evidence', 'uploads', uploadId))).toBe(false)

    const big = 'b'.repeat(32)
    const chunk = Buffer.alloc(8 * 1024 * 1024).toString('base64')
    let offset = 0
    let refused: string | null = null
    for (let i = 0; i < 14 && !refused; i++) {
      const r = await d.invoke('evidence-upload-part', { uploadId: big, offset, dataBase64: chunk })
      if (r.ok) offset = r.value.received
      else refused = r.error.message
    }
    expect(refused).toBe('文件超过 100 MB 上限，请压缩或拆分后再上传')
    expect(existsSync(join(d.ctx.dataDir, 'evidence', 'uploads', big))).toBe(false)
    const oversize = await d.invoke('evidence-upload-part', { uploadId: big, offset: 0, dataBase64: Buffer.alloc(9 * 1024 * 1024).toString('base64') })
    expect(!oversize.ok && oversize.error.message).toBe('佐证材料：分块超过 8 MB 上限')
  })

  it('refuses empty files, programs and unsupported types, writing nothing', async () => {
    d = freshDesk()
    const id = await withPiece()
    const exe = await d.invoke('evidence-add', { pieceId: id, fileName: '照片.jpg', dataBase64: Buffer.from('MZ\x90\x00\x03').toString('base64') })
    expect(!exe.ok && exe.error.message).toBe('《照片.jpg》这是一个可执行程序，不能作为佐证材料')
    const empty = await d.invoke('evidence-add', { pieceId: id, fileName: '空.pdf', dataBase64: '' })
    expect(!empty.ok && empty.error.message).toBe('《空.pdf》文件是空的')
    const notBase64 = await d.invoke('evidence-add', { pieceId: id, fileName: 'a.pdf', dataBase64: '<<<>>>' })
    expect(!notBase64.ok && notBase64.error.message).toBe('佐证材料：文件内容不是有效的 base64 编码')
    expect(filesUnder(join(d.ctx.dataDir, 'evidence'))).toEqual([])
    expect(await d.call('evidence-list', { pieceId: id })).toEqual([])
  })

  it('previews small images as a data: URL (or their thumbnail), nothing for other files', async () => {
    d = freshDesk()
    const id = await withPiece()
    const img = await d.call('evidence-add', { pieceId: id, fileName: 'a.png', dataBase64: PNG.toString('base64') })
    expect((await d.call('evidence-preview', { id: img.id })).dataUrl).toBe(`data:image/png;base64,${PNG.toString('base64')}`)
    const pdf = await d.call('evidence-add', { pieceId: id, fileName: 'b.pdf', dataBase64: PDF.toString('base64') })
    expect((await d.call('evidence-preview', { id: pdf.id })).dataUrl).toBeNull()
    const other = await withPiece()
    const big = Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)])
    const withThumb = await d.call('evidence-add', { pieceId: other, fileName: 'big.png', dataBase64: big.toString('base64'), thumbBase64: PNG.toString('base64') })
    expect((await d.call('evidence-preview', { id: withThumb.id })).dataUrl).toBe(`data:image/png;base64,${PNG.toString('base64')}`)
  })

  it('removes a file from the folder only when no piece uses it any more, with an audit row on the piece', async () => {
    d = freshDesk()
    const a = await withPiece()
    const b = await withPiece()
    const ea = await d.call('evidence-add', { pieceId: a, fileName: 'a.pdf', dataBase64: PDF.toString('base64') })
    const eb = await d.call('evidence-add', { pieceId: b, fileName: 'b.pdf', dataBase64: PDF.toString('base64') })
    const blob = join(d.ctx.dataDir, 'evidence', ea.sha256.slice(0, 2), ea.sha256)
    await d.call('evidence-remove', { id: ea.id })
    expect(existsSync(blob)).toBe(true)
    await d.call('evidence-remove', { id: eb.id })
    expect(existsSync(blob)).toBe(false)
    const log = await d.call('audit-list', { entity: 'piece', entityId: String(a) })
    expect(log.map((e) => e.action)).toEqual(['create', 'evidence-add', 'evidence-remove'])
    expect(log[1].changes).toMatchObject({ fileName: 'a.pdf', size: PDF.length })
  })
})
