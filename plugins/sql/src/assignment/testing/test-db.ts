/* eslint-disable @typescript-eslint/no-require-imports */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseFacade, DriverContext } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import type { Dialect } from '../../common/sql-values';
import { betterSqlite3Executor, knexExecutor } from '../../schema/executors';
import { syncSchema } from '../../schema/schema-sync';

export interface TestDb {
  knex: Knex;
  dialect: Dialect;
  /** A driver context whose database service is this database (what core hands the sql plugin). */
  ctx(config?: DriverContext['config']): DriverContext;
  close(): Promise<void>;
}

/**
 * A fresh SQLite file with Keystone 22's schema, made by the same schema sync
 * the server runs, then opened through knex with foreign keys on (as core's
 * MikroORM connection has them). For tests of the SQL drivers and of the
 * managers above them. With KEYSTONE_TS_TEST_PG_URL set (the suite's
 * PostgreSQL pass), a private schema on that database instead.
 */
export async function createTestDb(): Promise<TestDb> {
  if (process.env.KEYSTONE_TS_TEST_PG_URL) return createPostgresTestDb(process.env.KEYSTONE_TS_TEST_PG_URL);
  const dir = mkdtempSync(join(tmpdir(), 'keystone-ts-assignment-'));
  const file = join(dir, 'keystone.db');
  // better-sqlite3 ships no type declarations; the executor types it structurally.
  const Database = require('better-sqlite3');
  const raw = new Database(file);
  await syncSchema(betterSqlite3Executor(raw), 'sqlite');
  raw.close();

  const knexFactory = require('knex') as (cfg: Knex.Config) => Knex;
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: { pragma(s: string): void }, done: (e: unknown, c: unknown) => void) => {
        conn.pragma('foreign_keys = ON');
        done(null, conn);
      },
    },
  });
  return wrap(knex, 'sqlite', async () => {
    await knex.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
}

async function createPostgresTestDb(url: string): Promise<TestDb> {
  const knexFactory = require('knex') as (cfg: Knex.Config) => Knex;
  const schema = `ks_assignment_${randomBytes(6).toString('hex')}`;
  const connection = url.replace(/^postgresql\+\w+:/, 'postgresql:');
  const admin = knexFactory({ client: 'pg', connection, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE SCHEMA ${schema}`);
  const knex = knexFactory({ client: 'pg', connection, searchPath: [schema], pool: { min: 0, max: 4 } });
  await syncSchema(knexExecutor(knex as never), 'postgresql');
  return wrap(knex, 'postgresql', async () => {
    await knex.destroy();
    await admin.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.destroy();
  });
}

function wrap(knex: Knex, dialect: Dialect, close: () => Promise<void>): TestDb {
  const database: DatabaseFacade = { dialect, knex: () => knex };
  return {
    knex,
    dialect,
    ctx: (config) => ({
      options: {},
      config: config ?? { get: () => undefined as never, has: () => false, group: () => ({}) as never },
      domainId: null,
      logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      services: { database },
    }),
    close,
  };
}
