import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase } from '../../support/test-database';

/**
 * keystone-all as operators run it: the built program in its own process,
 * on real ports of 127.0.0.1, prepared with the built keystone-manage.
 * Needs `npx tsc -b tsconfig.build.json` first (scripts/test.sh builds
 * before jest).
 */
const ROOT = resolve(__dirname, '../../..');
export const KEYSTONE_ALL = join(ROOT, 'apps/keystone-all/dist/main.js');
const KEYSTONE_MANAGE = join(ROOT, 'apps/keystone-manage/dist/main.js');
export const ADMIN_PASSWORD = 'admin-secret';

export function assertBuilt(): void {
  if (!existsSync(KEYSTONE_ALL) || !existsSync(KEYSTONE_MANAGE)) {
    throw new Error('test/server needs the built programs: run `npx tsc -b tsconfig.build.json` first');
  }
}

/** A port free right now on 127.0.0.1 (the kernel's pick, released at once). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

export interface KeystoneDir {
  dir: string;
  publicPort: number;
  adminPort: number;
  /** Writes keystone.conf: the base sections, then `extra` (later values win, as in oslo). */
  writeConfig(extra?: string): string;
  cleanup(): Promise<void>;
}

/** A directory with a database, fernet/credential keys and a bootstrapped admin (bootstrap: false skips the database). */
export async function prepareKeystoneDir(opts: { bootstrap?: boolean } = {}): Promise<KeystoneDir> {
  assertBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'keystone-ts-server-'));
  const db = await createTestDatabase(dir);
  const [publicPort, adminPort] = [await freePort(), await freePort()];
  const conf = join(dir, 'keystone.conf');
  const writeConfig = (extra = '') => {
    writeFileSync(
      conf,
      [
        '[DEFAULT]',
        `state_path = ${dir}`,
        '[database]',
        `connection = ${db.url}`,
        '[eventlet_server]',
        'public_bind_host = 127.0.0.1',
        `public_port = ${publicPort}`,
        'admin_bind_host = 127.0.0.1',
        `admin_port = ${adminPort}`,
        '[fernet_tokens]',
        `key_repository = ${dir}/fernet-keys`,
        '[credential]',
        `key_repository = ${dir}/credential-keys`,
        '[identity]',
        'password_hash_rounds = 4',
        '[oslo_policy]',
        `policy_file = ${dir}/policy.yaml`,
        extra,
        '',
      ].join('\n'),
    );
    return conf;
  };
  writeConfig();
  if (opts.bootstrap !== false) {
    const manage = (...args: string[]) => runManage(conf, ...args);
    manage('db_sync');
    manage('fernet_setup');
    manage('credential_setup');
    manage('bootstrap', '--bootstrap-region-id', 'RegionOne', '--bootstrap-public-url', `http://127.0.0.1:${publicPort}/v3`);
  }
  return {
    dir,
    publicPort,
    adminPort,
    writeConfig,
    cleanup: async () => {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the built keystone-manage on `conf` (throws with its stderr on failure). */
export function runManage(conf: string, ...args: string[]): void {
  execFileSync(process.execPath, [KEYSTONE_MANAGE, '--config-file', conf, ...args], {
    env: { ...process.env, OS_BOOTSTRAP_PASSWORD: ADMIN_PASSWORD, KEYSTONE_TS_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 60_000,
  });
}

export interface KeystoneProcess {
  child: ChildProcess;
  /** stderr so far, line by line (pino JSON lines and keystone-all's one-line errors). */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first line (past or future) matching `re`; rejects after `ms`. */
  waitForLine(re: RegExp, ms?: number): Promise<string>;
  /** SIGKILLs the whole tree if still running (test cleanup). */
  kill(): Promise<void>;
}

export function startKeystone(conf: string, logLevel = 'info'): KeystoneProcess {
  const child = spawn(process.execPath, [KEYSTONE_ALL, '--config-file', conf], {
    env: { ...process.env, KEYSTONE_TS_LOG_LEVEL: logLevel },
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group, so cleanup can take the workers along.
    detached: true,
  });
  const lines: string[] = [];
  const watchers: { re: RegExp; done: (l: string) => void }[] = [];
  let partial = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of watchers.filter((x) => x.re.test(line))) {
        watchers.splice(watchers.indexOf(w), 1);
        w.done(line);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.once('exit', (code, signal) => res({ code, signal })));
  const waitForLine = (re: RegExp, ms = 30_000) =>
    new Promise<string>((res, rej) => {
      const seen = lines.find((l) => re.test(l));
      if (seen) return res(seen);
      const timer = setTimeout(() => rej(new Error(`no stderr line matching ${re} within ${ms}ms; got:\n${lines.slice(-20).join('\n')}`)), ms);
      watchers.push({ re, done: (l) => (clearTimeout(timer), res(l)) });
    });
  const kill = async () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
  };
  return { child, lines, exited, waitForLine, kill };
}

/** Polls `check` every `everyMs` until it returns a value other than undefined; fails after `ms`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms}ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
