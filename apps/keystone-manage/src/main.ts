#!/usr/bin/env node
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { configureLogging } from '@keystone-ts/core';
import { bootKeystone } from '@keystone-ts/server';
import type { ManageCommand } from './command';
import { COMMANDS } from './commands';

function usage(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(22)} ${c.help}`);
  return `usage: keystone-manage [--config-file FILE] [--config-dir DIR] <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const runtime = bootKeystone(argv);
  configureLogging({ debug: runtime.config.get<boolean>('DEFAULT', 'debug') });
  const [name, ...rest] = runtime.rest.filter((a, i, all) => !(a === '--debug' || (i === 0 && a === '--')));
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`keystone-manage: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  const flags = parseFlags(command, rest);
  return command.run({
    runtime,
    flags,
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
  });
}

function parseFlags(command: ManageCommand, args: string[]): Record<string, string | boolean | undefined> {
  const options = Object.fromEntries(Object.entries(command.flags).map(([k, type]) => [k, { type }]));
  const { values } = parseArgs({ args, options: options as never, allowPositionals: false, strict: true });
  return values as Record<string, string | boolean | undefined>;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const err = e as Error & { code?: string };
    // Configuration and usage problems are one line for the operator; anything else keeps its stack.
    if (err?.name === 'ConfigurationError' || err?.code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`keystone-manage: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`keystone-manage: ${err?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
