/* eslint-disable @typescript-eslint/no-require-imports */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseFacade, DriverContext } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { betterSqlite3Executor } from '../../schema/executors';
import { syncSchema } from '../../schema/schema-sync';

export interface SqliteTestDb {
  knex: Knex;
  /** A driver context whose database service is this database (what core hands the sql plugin). */
  ctx(config?: DriverContext['config']): DriverContext;
  close(): Promise<void>;
}

/**
 * A fresh SQLite file with Keystone 22's schema, made by the same schema sync
 * the server runs, then opened through knex with foreign keys on (as core's
 * MikroORM connection has them). For tests of the SQL drivers and of the
 * managers above them.
 */
export async function createSqliteTestDb(): Promise<SqliteTestDb> {
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
  const database: DatabaseFacade = { dialect: 'sqlite', knex: () => knex };
  return {
    knex,
    ctx: (config) => ({
      options: {},
      config: config ?? { get: () => undefined as never, has: () => false, group: () => ({}) as never },
      domainId: null,
      logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      services: { database },
    }),
    close: async () => {
      await knex.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
