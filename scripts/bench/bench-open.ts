// cold_open: each run is a fresh Node process (the bundled scripts/bench/cold-open.ts), so nothing of the desk is
// in memory yet: open, migration check and the first screen's figures are timed inside it, module loading is not.
import { spawn } from 'node:child_process'
import { metric, summarize, RUNS, type Metric } from './measure'

interface OpenRun { ms: number; openMs: number; rssMb: number }

function runChild(script: string, file: string, migrations: string): Promise<OpenRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, file, migrations], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`冷启动子进程失败（退出码 ${code}）：${err.trim().split('\n').slice(-5).join('\n')}`))
      resolve(JSON.parse(out.trim().split('\n').pop()!) as OpenRun)
    })
  })
}

export async function coldOpen(script: string, file: string, migrations: string): Promise<{ metric: Metric; childRssMb: number }> {
  await runChild(script, file, migrations) // warm-up: the OS file cache, as on a PC that opened the desk yesterday
  const runs: OpenRun[] = []
  for (let i = 0; i < RUNS; i++) runs.push(await runChild(script, file, migrations))
  const open = summarize(runs.map((r) => r.openMs))
  const childRssMb = Math.max(...runs.map((r) => r.rssMb))
  return {
    metric: metric('冷启动（打开 + 迁移检查 + 首页数字）', 'ms', summarize(runs.map((r) => r.ms)), { kind: 'max', value: 300 }, {
      note: `其中打开与迁移检查中位数 ${open.median.toFixed(0)} ms；子进程峰值内存 ${childRssMb.toFixed(0)} MB`,
      extra: { open_ms: open.median, child_rss_mb: childRssMb }
    }),
    childRssMb
  }
}
