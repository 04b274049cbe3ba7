import type { ManageCommand } from '../command';
import { dbSyncCommand, dbVersionCommand } from './db-sync.command';
import { keyRepositoryCommands } from './key-repository.commands';
import { bootstrapCommand } from './bootstrap.command';
import { domainConfigUploadCommand } from './domain-config-upload.command';
import { createJwsKeypairCommand } from './create-jws-keypair.command';
import { tokenFlushCommand } from './token-flush.command';
import { doctorCommand } from './doctor.command';
import { credentialMigrateCommand } from './credential-migrate.command';

/** Every command, under Keystone's names. */
export const COMMANDS: readonly ManageCommand[] = [bootstrapCommand, dbSyncCommand, dbVersionCommand, ...keyRepositoryCommands, domainConfigUploadCommand, createJwsKeypairCommand, tokenFlushCommand, doctorCommand, credentialMigrateCommand];
