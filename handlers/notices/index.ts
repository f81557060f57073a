// The notice centre (the bell). Every notice the desk raises is kept by openContext's notify (handlers/context.ts),
// whichever transport shows it, so a notice raised while no window was open is still there after a restart.
import { defineHandlers } from '../dispatch'
import { countUnread, listNotices, markRead } from '../../db/queries/notices'

export const noticesHandlers = defineHandlers({
  'notice-list': ({ limit }, ctx) => ({ items: listNotices(ctx.desk.db, limit), unread: countUnread(ctx.desk.db) }),
  'notice-read': ({ ids }, ctx) => {
    markRead(ctx.desk.db, ids, ctx.now().toISOString())
    return { unread: countUnread(ctx.desk.db) }
  },
  'notice-read-all': (_a, ctx) => {
    markRead(ctx.desk.db, null, ctx.now().toISOString())
    return { unread: countUnread(ctx.desk.db) }
  }
})
