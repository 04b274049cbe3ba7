import type { ManageCommand } from '../command';
import { dbSyncCommand, dbVersionCommand } from './db-sync.command';
import { keyRepositoryCommands } from './key-repository.commands';

/** Every command, under Keystone's names. */
export const COMMANDS: readonly ManageCommand[] = [dbSyncCommand, dbVersionCommand, ...keyRepositoryCommands];
