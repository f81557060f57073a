export * from './core'
export * from './ledger'
export * from './watch'
export * from './tallies'
