import { isAbsolute, join } from 'node:path';
import pino from 'pino';
import type { Logger } from '@keystone-ts/plugin-sdk';
import type { KeystoneConfig } from '../config/keystone-config';

/** One pino root per process; named children for subsystems and drivers. JSON lines, always. */
let root: pino.Logger = pino({ level: process.env.KEYSTONE_TS_LOG_LEVEL ?? 'info', base: { pid: process.pid } }, pino.destination(2));

export function configureLogging(opts: { debug: boolean; file?: string | null }): void {
  const dest = opts.file ? pino.destination({ dest: opts.file, mkdir: true, sync: false }) : pino.destination(2);
  root = pino({ level: process.env.KEYSTONE_TS_LOG_LEVEL ?? (opts.debug ? 'debug' : 'info'), base: { pid: process.pid } }, dest);
}

/** oslo.log's choices: `[DEFAULT] debug`, and `log_file` (under `log_dir` when relative); standard error otherwise. */
export function configureLoggingFrom(config: KeystoneConfig): void {
  const file = config.get<string | null>('DEFAULT', 'log_file');
  const dir = config.get<string | null>('DEFAULT', 'log_dir');
  const path = file ? (isAbsolute(file) || !dir ? file : join(dir, file)) : null;
  configureLogging({ debug: config.get<boolean>('DEFAULT', 'debug'), file: path });
}

export function getLogger(name: string): Logger {
  const child = root.child({ name });
  return {
    debug: (msg, ...args) => child.debug({ args: args.length ? args : undefined }, msg),
    info: (msg, ...args) => child.info({ args: args.length ? args : undefined }, msg),
    warn: (msg, ...args) => child.warn({ args: args.length ? args : undefined }, msg),
    error: (msg, ...args) => child.error({ args: args.length ? args : undefined }, msg),
  };
}

/** A logger whose lines carry structured fields at the top level (access logs). */
export type FieldLogger = (fields: Record<string, unknown>, msg: string) => void;

export function getFieldLogger(name: string): FieldLogger {
  const child = root.child({ name });
  return (fields, msg) => child.info(fields, msg);
}
