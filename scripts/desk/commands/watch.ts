// CLI for the opinion watch: poll, feeds, rules, mentions. Everything goes through the handlers' dispatcher,
// so the CLI validates and fails exactly as the app does.
import { readFileSync, writeFileSync } from 'node:fs'
import { dispatch, handlers, type Ctx } from '../../../handlers'
import { createScheduler } from '../../../handlers/feeds/scheduler'
import type { ArgsOf, HandlerName, ResultOf } from '../../../shared/contract'
import type { PollReport } from '../../../shared/contract/feeds'
import { FEED_STATUSES, MENTION_STATUSES, mentionStatusLabel } from '../../../shared/watch'
import { argValue, hasFlag } from '../args'
import type { Command } from '../command'
import { printJson } from '../command'
import { mayCall } from '../session'

class Failed extends Error {}

async function run<K extends HandlerName>(ctx: Ctx, name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  const r = await dispatch(handlers, ctx, name, args)
  if (!r.ok) {
    process.stderr.write(r.error.message + '\n')
    throw new Failed()
  }
  return r.value as ResultOf<K>
}

const list = (s: string | null) => (s ?? '').split(/[,，、]/).map((x) => x.trim()).filter(Boolean)
const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—')

function printReport(r: PollReport): void {
  for (const f of r.results) process.stdout.write(`${f.name}（#${f.feedId}）：${f.message}\n`)
  process.stdout.write(`${r.summary}\n`)
}

async function guarded(fn: () => Promise<number>): Promise<number> {
  try {
    return await fn()
  } catch (e) {
    if (e instanceof Failed) return 1
    throw e
  }
}

/** Until Ctrl+C, as the app's own polling duty ('系统（定时抓取）' in the trail, see handlers/feeds/scheduler.ts). */
async function keepPolling(ctx: Ctx): Promise<number> {
  const scheduler = createScheduler(ctx, { firstDelayMs: 0, onReport: printReport })
  scheduler.start()
  await new Promise<void>((resolve) => process.once('SIGINT', resolve))
  await scheduler.stop()
  return 0
}

const poll: Command = {
  name: 'poll',
  usage: 'poll [--once]',
  summary: '抓取到期的订阅源；--once 抓取一轮后退出，否则持续运行（Ctrl+C 结束）',
  run: (ctx, _args, argv) =>
    guarded(async () => {
      if (hasFlag(argv, '--once')) {
        printReport(await run(ctx, 'watch-poll-now', {}))
        return 0
      }
      mayCall(ctx, 'watch-poll-now') // only someone who may press 立即抓取 starts the clock
      return keepPolling(ctx)
    })
}

const feeds: Command = {
  name: 'feeds',
  usage: 'feeds add URL [--name N] [--encoding E] [--category C] | list [--json] | import-opml FILE | export-opml --out FILE',
  summary: '订阅源：添加、列出、导入/导出 OPML',
  valueFlags: ['--name', '--encoding', '--category', '--interval', '--out'],
  run: (ctx, [sub, arg], argv) =>
    guarded(async () => {
      if (sub === 'add' && arg) {
        const interval = argValue(argv, '--interval')
        const f = await run(ctx, 'feed-add', {
          url: arg, name: argValue(argv, '--name') ?? '', category: argValue(argv, '--category') ?? '',
          encoding: argValue(argv, '--encoding'), ...(interval ? { intervalMin: Number(interval) } : {})
        })
        process.stdout.write(`已添加订阅源 #${f.id}：${f.name}（${f.url}）\n`)
        return 0
      }
      if (sub === 'list') {
        const rows = await run(ctx, 'feed-list', {})
        if (hasFlag(argv, '--json')) printJson(rows)
        else for (const f of rows) process.stdout.write(`#${f.id} ${f.enabled ? '' : '[已停用] '}${f.name}  ${FEED_STATUSES[f.status]}${f.failing ? '（失效）' : ''}  上次抓取 ${time(f.lastFetchAt)}  ${f.lastError ?? ''}\n  ${f.url}\n`)
        return 0
      }
      if (sub === 'import-opml' && arg) {
        const r = await run(ctx, 'feed-import-opml', { opml: readFileSync(arg, 'utf8') })
        process.stdout.write(`已导入 ${r.added} 个订阅源${r.skipped.length ? `，跳过 ${r.skipped.length} 个：` : ''}\n`)
        for (const s of r.skipped) process.stdout.write(`  ${s.name || s.url}：${s.reason}\n`)
        return 0
      }
      if (sub === 'export-opml') {
        const out = argValue(argv, '--out')
        if (!out) {
          process.stderr.write('请用 --out 指定导出文件\n')
          return 2
        }
        const r = await run(ctx, 'feed-export-opml', {})
        writeFileSync(out, r.text)
        process.stdout.write(`已导出 ${r.count} 个订阅源到 ${out}\n`)
        return 0
      }
      process.stderr.write(`用法：${feeds.usage}\n`)
      return 2
    })
}

const rules: Command = {
  name: 'rules',
  usage: 'rules add NAME --any "a,b" [--all "c"] [--exclude "d"] | list [--json]',
  summary: '监测规则：添加、列出',
  valueFlags: ['--any', '--all', '--exclude'],
  run: (ctx, [sub, name], argv) =>
    guarded(async () => {
      if (sub === 'add' && name) {
        const r = await run(ctx, 'rule-create', { name, any: list(argValue(argv, '--any')), all: list(argValue(argv, '--all')), none: list(argValue(argv, '--exclude')) })
        process.stdout.write(`已添加监测规则 #${r.id}：${r.name}\n`)
        return 0
      }
      if (sub === 'list') {
        const rows = await run(ctx, 'rule-list', {})
        if (hasFlag(argv, '--json')) printJson(rows)
        else for (const r of rows) process.stdout.write(`#${r.id} ${r.name}${r.enabled ? '' : '（已停用）'}  任一：${r.any.join('、') || '—'}  全部：${r.all.join('、') || '—'}  排除：${r.none.join('、') || '—'}\n`)
        return 0
      }
      process.stderr.write(`用法：${rules.usage}\n`)
      return 2
    })
}

const STATUS_BY_LABEL = Object.fromEntries(Object.entries(MENTION_STATUSES).map(([code, label]) => [label, code]))

const mentions: Command = {
  name: 'mentions',
  usage: 'mentions [--json] [--status S] [--since YYYY-MM-DD]',
  summary: '列出舆情（默认未办结的；--status all 列出全部）',
  valueFlags: ['--status', '--since', '--limit'],
  run: (ctx, _args, argv) =>
    guarded(async () => {
      const status = argValue(argv, '--status') ?? 'open'
      const since = argValue(argv, '--since')
      const page = await run(ctx, 'mention-list', {
        status: (STATUS_BY_LABEL[status] ?? status) as ArgsOf<'mention-list'>['status'],
        ...(since ? { from: since } : {}),
        limit: Number(argValue(argv, '--limit') ?? 500)
      })
      if (hasFlag(argv, '--json')) printJson(page.rows.map(({ titleSegments: _t, ...m }) => m))
      else {
        for (const m of page.rows) process.stdout.write(`#${m.id} [${m.grade}·${m.sentiment}·${mentionStatusLabel(m.status)}] ${m.day} ${m.title}（${m.feedName || '已删除的订阅源'}${m.sourceCount > 1 ? `等 ${m.sourceCount} 个来源` : ''}）\n`)
        process.stdout.write(`共 ${page.total} 条\n`)
      }
      return 0
    })
}

export const watchCommands: Command[] = [poll, feeds, rules, mentions]
