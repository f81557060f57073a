// `desk import FILE` and `desk export --out FILE`: the same import/export as the ledger page, with file paths. Both
// go through the page's own job handlers (ledger-import-start / ledger-export-start), so the signed-in user's
// permissions apply and the import is recorded under their name.
import { writeFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import type { Command } from '../command'
import { readUploadFile } from '../upload'
import { argValue, hasFlag } from '../args'
import type { ImportReport } from '../../../shared/contract/ledger'
import { CliError, runJob } from '../session'
import { channelFromName } from '../../../services/ledger/cells'
import { channelLabel } from '../../../shared/channels'

const out = (s: string): boolean => process.stdout.write(s + '\n')
const err = (s: string): boolean => process.stderr.write(s + '\n')

function printFailure(r: ImportReport): void {
  err(`导入失败：没有导入任何记录（文件共 ${r.rows} 行数据）。`)
  if (r.missing.length) err(`缺少必需的列：${r.missing.join('、')}。请把表头改为模板中的名称（${r.headers.filter(Boolean).join('、')} 中没有找到），或在程序的导入窗口中指定对应关系。`)
  for (const p of r.problems) err(p)
  for (const e of r.errors) err(`第 ${e.row} 行${e.letter ? ` ${e.letter} 列` : ''}「${e.column}」：${e.message}`)
  if (r.moreErrors) err(`……另有 ${r.moreErrors} 处错误未列出`)
}

export const ledgerCommands: Command[] = [
  {
    name: 'import',
    usage: 'import FILE.xlsx|.csv [--keep-duplicates]',
    summary: '从 Excel/CSV 导入台账（任何一行有错则全部不导入；带记录标识的行更新原记录；疑似重复默认跳过）',
    run: async (ctx, [file], argv) => {
      if (!file) {
        err('请指定要导入的文件，如：import 台账.xlsx')
        return 2
      }
      const read = readUploadFile(file, '，请拆分后分批导入')
      if ('code' in read) return read.code
      const bytes = read.bytes
      try {
        const r = await runJob<ImportReport>(ctx, 'ledger-import-start', { fileName: basename(file), base64: bytes.toString('base64'), skipDuplicates: !hasFlag(argv, '--keep-duplicates'), commit: true })
        if (!r.committed) {
          printFailure(r)
          return 1
        }
        const also = [r.unchanged ? `${r.unchanged} 条与已有记录相同` : '', r.skipped ? `跳过疑似重复 ${r.skipped} 条` : '', r.left.length ? `${r.left.length} 条未导入` : ''].filter(Boolean)
        out(`已导入 ${r.imported} 条${r.updated ? `，更新已有记录 ${r.updated} 条` : ''}（文件共 ${r.rows} 行数据${also.map((x) => `，${x}`).join('')}）。`)
        for (const l of r.left) out(`第 ${l.row} 行《${l.title}》未导入：${l.reason}`)
        if (!r.skipped && r.duplicates.length) out(`其中 ${r.duplicates.length} 条与已有记录或文件中前面的行疑似重复，已按 --keep-duplicates 一并导入。`)
        return 0
      } catch (e) {
        if (e instanceof CliError) {
          err(`导入失败：${e.message}`)
          return 1
        }
        throw e
      }
    }
  },
  {
    name: 'export',
    usage: 'export --out FILE.xlsx|.csv [--from D] [--to D] [--channel CODE]',
    summary: '按日期、渠道导出台账（与导入模板同格式）',
    valueFlags: ['--out', '--from', '--to', '--channel'],
    run: async (ctx, _args, argv) => {
      const file = argValue(argv, '--out')
      const format = file ? extname(file).slice(1).toLowerCase() : ''
      if (!file || (format !== 'xlsx' && format !== 'csv')) {
        err('请用 --out 指定导出文件，扩展名为 .xlsx 或 .csv，如：export --out 台账.xlsx')
        return 2
      }
      const channelArg = argValue(argv, '--channel')
      const channel = channelArg ? (channelFromName(channelArg) ?? channelArg) : undefined
      const filter = { from: argValue(argv, '--from') ?? undefined, to: argValue(argv, '--to') ?? undefined, channel, sort: 'date', desc: false } as const
      // validated once, by the dispatcher, as the window's export is; a refused option is a usage error (exit 2)
      const started = runJob<{ base64: string; rows: number }>(ctx, 'ledger-export-start', { format, filter } as never)
      const { base64, rows } = await started.catch((e) => {
        throw e instanceof CliError && e.details?.issues ? new CliError(e.message, 2) : e
      })
      writeFileSync(file, Buffer.from(base64, 'base64'))
      const what = channel ? channelLabel(channel as never) : '全部渠道'
      out(`已导出 ${rows} 条（${what}）到 ${file}`)
      return 0
    }
  }
]
