/**
 * A PostgreSQL server for tests: the one named by KEYSTONE_TS_TEST_PG_URL, or
 * a private throwaway cluster started with scripts/services/postgres.sh in a
 * temporary directory (and stopped afterwards). Never skips: if PostgreSQL
 * cannot be had, starting fails with the script's output.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PG_URL_ENV = 'KEYSTONE_TS_TEST_PG_URL';
export const POSTGRES_SCRIPT = resolve(__dirname, '../../../../../scripts/services/postgres.sh');
const PREFERRED_PORT = 55432;

export interface TestPostgres {
  /** postgresql://user@host:port/db */
  readonly url: string;
  /** True when this fixture started the cluster (and stop() will remove it). */
  readonly owned: boolean;
  stop(): Promise<void>;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const srv = createServer();
    srv.once('error', () => done(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => done(true)));
  });
}

async function freePort(): Promise<number> {
  if (await portFree(PREFERRED_PORT)) return PREFERRED_PORT;
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => done(port));
    });
  });
}

function runScript(args: readonly string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn('bash', [POSTGRES_SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code === 0) done(out.trim());
      else fail(new Error(`postgres.sh ${args.join(' ')} failed (${code}):\n${err}${out}`));
    });
  });
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const fromEnv = process.env[PG_URL_ENV];
  if (fromEnv) return { url: fromEnv, owned: false, stop: async () => undefined };

  const dir = await mkdtemp(join(tmpdir(), 'keystone-ts-pg-'));
  const port = await freePort();
  let url: string;
  try {
    url = (await runScript(['start', dir, String(port)])).split('\n').pop() ?? '';
  } catch (err) {
    await runScript(['stop', dir]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    owned: true,
    stop: async () => {
      try {
        await runScript(['stop', dir]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The same server as a SQLAlchemy URL for Keystone, confined to one schema via search_path. */
export function keystoneUrlFor(url: string, schema: string): string {
  const sqlalchemy = url.replace(/^postgres(ql)?:\/\//, 'postgresql+psycopg2://');
  // Not URL-encoded on purpose: Keystone hands the URL to configparser, where '%' is special.
  return `${sqlalchemy}${sqlalchemy.includes('?') ? '&' : '?'}options=-csearch_path=${schema}`;
}
