// `desk stats-import FILE`: 导入公众号数据 from the command line, through the page's own job handler
// (post-stats-import-start). `--dry-run` prints the preview (已匹配 / 需选择 / 未匹配 / 重复) and writes nothing;
// `--choose ROW=ID` picks the piece of a 需选择 row (0 skips it), as the dialog's choice does.
import { basename } from 'node:path'
import type { Command } from '../command'
import { readUploadFile } from '../upload'
import { argValue, hasFlag } from '../args'
import { CliError, runJob } from '../session'
import { PLATFORM_LABELS, STAT_PLATFORMS, statFieldLabel, type StatChange, type StatPlatform, type StatsReport } from '../../../shared/contract/ledger-stats'

const out = (s: string): boolean => process.stdout.write(s + '\n')
const err = (s: string): boolean => process.stderr.write(s + '\n')

const changeText = (p: StatPlatform, c: StatChange[]): string =>
  c.length ? c.map((x) => `${statFieldLabel(p, x.field)} ${x.before ?? '（空）'} → ${x.after}`).join('，') : '数字与台账相同'

function printPreview(r: StatsReport): void {
  const p = r.platform
  out(`${PLATFORM_LABELS[p]}数据：文件共 ${r.rows} 行，已匹配 ${r.matched.length} 行，需选择 ${r.ambiguous.length} 行，未匹配 ${r.unmatched.length} 行，重复 ${r.duplicates.length} 行。`)
  out(`列对应：${Object.entries(r.mapping).filter(([, f]) => f).map(([h, f]) => `${h} → ${statFieldLabel(p, f as never)}`).join('，')}${r.remembered ? '（已记住的对应）' : ''}`)
  for (const m of r.matched) out(`已匹配 第 ${m.row} 行《${m.title}》→ 编号 ${m.piece.id}（${m.piece.date}${m.dayOff ? '，相差一天' : ''}）：${changeText(p, m.changes)}`)
  for (const a of r.ambiguous) {
    const cands = a.candidates.map((c) => `编号 ${c.id}（${c.date}）`).join('、')
    out(`需选择 第 ${a.row} 行《${a.title}》（${a.date}）：${cands}${a.chosen ? ` — 已选编号 ${a.chosen}：${changeText(p, a.changes)}` : ' — 未选择，将跳过（用 --choose 行号=编号 选择）'}`)
  }
  for (const u of r.unmatched) out(`未匹配 第 ${u.row} 行《${u.title}》（${u.date}）：台账中没有这篇，不写入`)
  for (const d of r.duplicates) out(`重复 第 ${d.row} 行《${d.title}》：与第 ${d.sameAsRow} 行相同${d.differs ? '（数字不同，按第 ' + d.sameAsRow + ' 行写入）' : ''}，不重复写入`)
  for (const w of r.warnings) out(`注意：${w}`)
}

function printFailure(r: StatsReport): void {
  err(`导入失败：没有写入任何数据（文件共 ${r.rows} 行）。`)
  if (r.missing.length) err(`缺少对应的列：${r.missing.map((f) => statFieldLabel(r.platform, f)).join('、')}（表头：${r.headers.filter(Boolean).join('、')}）。请在程序的导入窗口中指定对应关系。`)
  for (const p of r.problems) err(p)
  for (const e of r.errors) err(`第 ${e.row} 行 ${e.letter} 列「${e.column}」：${e.message}`)
}

function choices(argv: string[]): Record<string, number> | null {
  const out: Record<string, number> = {}
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i] === '--choose' ? argv[i + 1] : argv[i].startsWith('--choose=') ? argv[i].slice(9) : null
    if (v === null) continue
    const m = /^(\d+)=(\d+)$/.exec(v ?? '')
    if (!m) return null
    out[m[1]] = Number(m[2])
  }
  return out
}

export const postStatsCommands: Command[] = [
  {
    name: 'stats-import',
    usage: `stats-import FILE.xlsx|.csv [--platform ${STAT_PLATFORMS.join('|')}] [--choose 行号=编号]… [--dry-run]`,
    summary: '导入公众号/视频号/微博/抖音后台导出的阅读、分享、点赞、在看数（按标题和日期对应台账；--dry-run 只显示预览）',
    valueFlags: ['--platform', '--choose'],
    run: async (ctx, [file], argv) => {
      if (!file) {
        err('请指定后台导出的文件，如：stats-import 内容分析.xlsx')
        return 2
      }
      const picked = choices(argv)
      if (!picked) {
        err('--choose 的写法为 行号=编号，如：--choose 9=12')
        return 2
      }
      const read = readUploadFile(file)
      if ('code' in read) return read.code
      const bytes = read.bytes
      const dry = hasFlag(argv, '--dry-run')
      const platform = argValue(argv, '--platform') ?? undefined
      try {
        const r = await runJob<StatsReport>(ctx, 'post-stats-import-start', { fileName: basename(file), base64: bytes.toString('base64'), platform, choices: picked, commit: !dry })
        if (r.missing.length || r.problems.length || r.errors.length) {
          printFailure(r)
          return 1
        }
        printPreview(r)
        out(dry ? `预览：将写入 ${r.toWrite} 篇（未写入任何数据）。` : `已写入 ${r.written} 篇的数据。`)
        return 0
      } catch (e) {
        if (e instanceof CliError) {
          err(`导入失败：${e.message}`)
          return e.details?.issues ? 2 : 1
        }
        throw e
      }
    }
  }
]
