import pino from 'pino';
import type { Logger } from '@keystone-ts/plugin-sdk';

/** One pino root per process; named children for subsystems and drivers. */
let root: pino.Logger = pino({ level: process.env.KEYSTONE_TS_LOG_LEVEL ?? 'info', base: { pid: process.pid } }, pino.destination(2));

export function configureLogging(opts: { debug: boolean; file?: string | null }): void {
  const dest = opts.file ? pino.destination({ dest: opts.file, mkdir: true, sync: false }) : pino.destination(2);
  root = pino({ level: process.env.KEYSTONE_TS_LOG_LEVEL ?? (opts.debug ? 'debug' : 'info'), base: { pid: process.pid } }, dest);
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
