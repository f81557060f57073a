// 本机用户: sign-in, lock and switch (./session.ts), and the administrator's user list (./users.ts).
import { sessionHandlers } from './session'
import { userHandlers } from './users'

export const usersHandlers = [sessionHandlers, userHandlers]
