// Bulk status change from the ledger table: all or nothing, every piece checked against its own channel, and
// each change audited through changePiece like a single edit.
import { UserError } from '../errors'
import { changePiece, mustGetPiece } from '../pieces/pieces'
import { channelLabel, statusLabel, type Status } from '../../shared/channels'
import type { Ctx } from '../context'

const MAX_NAMED = 10

export function bulkStatus(ctx: Ctx, ids: number[], status: Status): { changed: number; unchanged: number } {
  return ctx.desk.tx(() => {
    const problems: string[] = []
    let changed = 0
    let unchanged = 0
    for (const id of [...new Set(ids)]) {
      const before = mustGetPiece(ctx, id)
      if (before.status === status) {
        unchanged++
        continue
      }
      try {
        changePiece(ctx, id, { status }, 'bulk-status')
        changed++
      } catch (e) {
        if (!(e instanceof UserError)) throw e
        // The piece's own rule (its channel's statuses, or a later workflow rule) said no: name the piece.
        const reason = e.message.replace(/^状态：/, '')
        problems.push(`《${before.title}》（${channelLabel(before.channel)}，编号 ${id}）：${reason}`)
      }
    }
    if (problems.length) {
      const more = problems.length > MAX_NAMED ? `\n……另有 ${problems.length - MAX_NAMED} 条` : ''
      // Throwing inside the transaction rolls back the changes already made: nothing is half-done.
      throw new UserError(`没有修改任何记录：有 ${problems.length} 条不能改为“${statusLabel(status)}”。\n${problems.slice(0, MAX_NAMED).join('\n')}${more}`, {
        field: 'status',
        pieces: problems.length
      })
    }
    return { changed, unchanged }
  })
}
