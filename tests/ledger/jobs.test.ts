import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { csvFile, HEADER, snapshot } from './helpers'
import type { JobStatus } from '../../shared/contract/jobs'
import type { ImportReport } from '../../shared/contract/ledger'

let desk: TestDesk
afterEach(() => desk?.close())

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

describe('import as a background job', () => {
  it('returns a job id at once and reports reading → checking (in chunks) → writing while other calls are answered', async () => {
    desk = freshDesk()
    const lines = [HEADER, ...Array.from({ length: 3000 }, (_, i) => `2023-05-${String((i % 28) + 1).padStart(2, '0')},微信公众号,第 ${i} 篇推文,,,,,,,,,,`)]
    const { jobId } = await desk.call('ledger-import-start', { fileName: 'big.csv', base64: csvFile(lines), commit: true })
    const seen: JobStatus<ImportReport>[] = []
    for (;;) {
      const s = (await desk.call('job-status', { id: jobId })) as JobStatus<ImportReport>
      seen.push(s)
      // Another handler is answered in the middle of the job: the window would not freeze.
      expect((await desk.invoke('piece-list', { limit: 1 })).ok).toBe(true)
      if (s.finished) break
      await tick()
    }
    const phases = [...new Set(seen.map((s) => s.phase))]
    expect(phases.filter((p) => p !== 'reading')).toEqual(['queued', 'checking', 'writing', 'done'])
    expect(seen.some((s) => s.phase === 'checking' && s.done > 0 && s.done < s.total)).toBe(true)
    const last = seen[seen.length - 1]
    expect(last.result).toMatchObject({ committed: true, imported: 3000 })
    expect((await desk.call('piece-list', {})).total).toBe(3000)
  })

  it('a refused upload fails at once, before any job starts; an unknown job id is a Chinese error', async () => {
    desk = freshDesk()
    const before = snapshot(desk)
    const tooBig = await desk.invoke('ledger-import-start', { fileName: 'huge.csv', base64: 'A'.repeat(14_000_004), commit: true })
    expect(!tooBig.ok && tooBig.error.message).toBe('文件内容：文件过大（上限 10 MB），请拆分后分批导入')
    const notBase64 = await desk.invoke('ledger-import-start', { fileName: 'x.csv', base64: '!!!!', commit: true })
    expect(!notBase64.ok && notBase64.error.message).toBe('文件是空的，或没有读取成功，请重新选择文件')
    const unknown = await desk.invoke('job-status', { id: 'no-such-job' })
    expect(!unknown.ok && unknown.error.message).toBe('找不到这个后台任务，可能已过期或程序已重启，请重新操作')
    expect(snapshot(desk)).toEqual(before)
  })

  it('export runs as a job too, and its file comes back as base64', async () => {
    desk = freshDesk()
    await desk.call('piece-create', { channel: 'wechat', title: '导出一条', date: '2023-06-01', status: 'published', backfill: true })
    const { jobId } = await desk.call('ledger-export-start', { format: 'csv', filter: {} })
    let s: JobStatus
    do {
      await tick()
      s = await desk.call('job-status', { id: jobId })
    } while (!s.finished)
    const r = s.result as { fileName: string; base64: string; rows: number }
    expect(r.rows).toBe(1)
    expect(Buffer.from(r.base64, 'base64').toString('utf8')).toContain('2023-06-01,微信公众号,导出一条,已发布')
  })
})
