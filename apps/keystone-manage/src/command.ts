import type { KeystoneRuntime } from '@keystone-ts/core';

export interface CommandContext {
  runtime: KeystoneRuntime;
  /** Parsed flags of this command (Keystone's names, dashes kept). */
  flags: Record<string, string | boolean | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** One `keystone-manage` command; returns the process exit code. */
export interface ManageCommand {
  name: string;
  help: string;
  /** Flag name → whether it takes a value. */
  flags: Readonly<Record<string, 'string' | 'boolean'>>;
  run(ctx: CommandContext): Promise<number>;
}
