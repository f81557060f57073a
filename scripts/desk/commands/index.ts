import type { Command } from '../command'
import { coreCommands } from './core'
import { backupCommands } from './backup'
import { ledgerCommands } from './ledger'
import { postStatsCommands } from './post-stats'
import { watchCommands } from './watch'
import { reportCommands } from './reports'
import { evidenceCommands } from './evidence'
import { userCommands } from './users'
import { auditCommands } from './audit'

/** Every CLI command; each domain adds its own file here. */
export const commands: Command[] = [...coreCommands, ...ledgerCommands, ...postStatsCommands, ...backupCommands, ...watchCommands, ...reportCommands, ...evidenceCommands, ...userCommands, ...auditCommands]
