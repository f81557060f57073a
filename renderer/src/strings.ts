// Navigation and shell wording, reviewed in one place. Each page keeps its own wording at its top.
export const NAV = [
  { key: 'dashboard', label: '工作台', icon: '◎' },
  { key: 'ledger', label: '台账', icon: '▤' },
  { key: 'calendar', label: '日程', icon: '▦' },
  { key: 'watch', label: '舆情', icon: '◉' },
  { key: 'tally', label: '统计', icon: '▥' },
  { key: 'report', label: '报告', icon: '▧' },
  { key: 'audit', label: '操作日志', icon: '☰' },
  { key: 'settings', label: '设置', icon: '⚙' }
] as const
export type Section = (typeof NAV)[number]['key']

export const APP_NAME = '宣传舆情工作台'
