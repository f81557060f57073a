// 示例数据: fills an empty desk with a year of believable pieces and mentions, for a first look.
import { spec, noArgs } from './define'
import { ADMIN } from '../roles'

export const demoContract = {
  'demo-seed': spec(ADMIN, noArgs).returns<{ pieces: number; mentions: number }>()
}
