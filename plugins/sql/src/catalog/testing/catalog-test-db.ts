/* eslint-disable @typescript-eslint/no-require-imports */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { betterSqlite3Executor } from '../../schema/executors';
import { syncSchema } from '../../schema/schema-sync';

export interface CatalogTestDb {
  knex: Knex;
  close(): Promise<void>;
}

/**
 * A fresh SQLite file with Keystone 22's schema, made by the same schema
 * sync `keystone-manage db_sync` runs, opened through knex with foreign keys
 * on (the endpoint → service and endpoint → region keys matter here).
 */
export async function createCatalogTestDb(): Promise<CatalogTestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'keystone-ts-catalog-'));
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
  return {
    knex,
    close: async () => {
      await knex.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
