import { contract } from '../../../shared/contract'
import { dispatch, handlers } from '../../../handlers'
import type { Command } from '../command'
import { printJson } from '../command'

export const coreCommands: Command[] = [
  {
    name: 'handlers',
    usage: 'handlers',
    summary: '列出所有处理函数（handler）名称',
    signIn: 'none',
    run: () => {
      for (const name of Object.keys(contract).sort()) process.stdout.write(name + '\n')
      return 0
    }
  },
  {
    name: 'call',
    usage: "call <handler> ['<json>']",
    summary: '以登录用户的身份调用一个处理函数，输出 JSON 信封；成功时退出码为 0',
    run: async (ctx, [name, json]) => {
      let args: unknown
      try {
        args = json === undefined ? undefined : JSON.parse(json)
      } catch {
        printJson({ ok: false, error: { type: 'user', message: '参数不是有效的 JSON' } })
        return 2
      }
      const envelope = await dispatch(handlers, ctx, name, args)
      printJson(envelope)
      return envelope.ok ? 0 : 1
    }
  },
  {
    name: 'seed-demo',
    usage: 'seed-demo',
    summary: '载入演示数据（2023年上半年，南和县人民医院）',
    run: async (ctx) => {
      const envelope = await dispatch(handlers, ctx, 'demo-seed', {})
      if (!envelope.ok) {
        process.stderr.write(envelope.error.message + '\n')
        return 1
      }
      const v = envelope.value as { pieces: number; mentions: number }
      process.stdout.write(`已载入演示数据：台账 ${v.pieces} 条，舆情 ${v.mentions} 条\n`)
      return 0
    }
  }
]
