import type { Command } from '../command'
import { coreCommands } from './core'

/** Every CLI command; each domain adds its own file here. */
export const commands: Command[] = [...coreCommands]
