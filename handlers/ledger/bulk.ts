// Bulk status change from the ledger table: all or nothing, every piece checked against its own channel and its
// review (changePiece: a piece enters a status that needs review only as approved), each change audited like a
// single edit. A status is not reviewed content, so no approval is voided; but the tallies count by status, so
// pieces dated in a signed month ask first, as the form does.
import { UserError } from '../errors'
import { changePiece, mustGetPiece } from '../pieces/write'
import { askFirst } from '../review/bound'
import { signedMonthWarnings } from '../tallies/signed-months'
import { channelLabel, statusLabel, type Status } from '../../shared/channels'
import { undoable } from '../pieces/undo'
import type { UndoToken } from '../../shared/contract/pieces'
import type { Ctx } from '../context'

const MAX_NAMED = 10

/** `undo`: 撤销 puts back each piece's previous status (handlers/pieces/undo.ts). */
export function bulkStatus(ctx: Ctx, ids: number[], status: Status, confirm = false): { changed: number; unchanged: number; undo: UndoToken | null } {
  const { value, undo } = undoable(ctx, () => {
    const problems: string[] = []
    const dates: string[] = []
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
        dates.push(before.date)
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
    // Asked only once every piece may change: the officer confirms a change that can go through.
    askFirst(signedMonthWarnings(ctx.desk.db, dates), confirm)
    return { changed, unchanged }
  })
  return { ...value, undo }
}
