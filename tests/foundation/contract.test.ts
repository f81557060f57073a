import { describe, it, expect, afterEach } from 'vitest'
import { contract } from '../../shared/contract'
import { handlers } from '../../handlers'
import { registerHandlers } from '../../handlers/dispatch'
import { freshDesk, type TestDesk } from '../helpers/desk'

let d: TestDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

describe('one contract', () => {
  it('has a handler for every contract name and nothing else', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort())
  })

  it('throws at startup when a name is used twice', () => {
    const once = { 'app-state': () => null as never }
    expect(() => registerHandlers({ app: [once, once] } as never)).toThrow(/used twice: app-state/)
  })

  it('throws at startup when a handler is registered outside its domain', () => {
    expect(() => registerHandlers({ watch: { 'feed-list': () => [] } } as never)).toThrow(/feed-list is registered in watch but declared in feeds/)
  })

  it('answers an unknown handler with a Chinese user error', async () => {
    d = freshDesk()
    const r = await d.invoke('no-such-thing' as never, {} as never)
    expect(r).toEqual({ ok: false, error: { type: 'user', message: '未知的操作：no-such-thing' } })
  })

  it('validates arguments once at the boundary and names the field in Chinese', async () => {
    d = freshDesk()
    const r = await d.invoke('piece-create', { channel: 'wechat', title: '', date: '2023-02-30' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.type).toBe('user')
    expect(r.error.message).toBe('标题：请填写标题')
    expect(r.error.details?.issues).toEqual([
      { field: 'title', message: '请填写标题' },
      { field: 'date', message: '请填写有效日期，格式如 2023-03-05' }
    ])
  })

  it('rejects wrong types and huge strings without touching the database', async () => {
    d = freshDesk()
    const wrong = await d.invoke('piece-create', { channel: 'wechat', title: 42 as never, date: '2023-01-01' })
    expect(wrong.ok).toBe(false)
    const huge = await d.invoke('piece-create', { channel: 'wechat', title: 'x'.repeat(10 * 1024 * 1024), date: '2023-01-01' })
    expect(huge.ok === false && huge.error.message).toBe('标题：标题不能超过 200 字')
    const list = await d.call('piece-list', {})
    expect(list.total).toBe(0)
  })

  it('turns an internal failure into a plain apology', async () => {
    d = freshDesk()
    d.ctx.desk.sqlite.exec('DROP TABLE piece_themes')
    const quiet = console.error
    console.error = () => {}
    const r = await d.invoke('piece-create', { channel: 'wechat', title: '标题', date: '2023-01-01', status: 'published', backfill: true })
    console.error = quiet
    expect(r.ok === false && r.error.type).toBe('internal')
    expect(r.ok === false && r.error.message).toMatch(/抱歉/)
    // all or nothing: the piece row was rolled back with the failed theme write
    expect((d.ctx.desk.sqlite.prepare('SELECT COUNT(*) AS n FROM pieces').get() as { n: number }).n).toBe(0)
  })
})
