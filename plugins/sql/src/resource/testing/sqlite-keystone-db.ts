/* eslint-disable @typescript-eslint/no-require-imports */
import type { Knex } from 'knex';
import { knexExecutor, syncSchema } from '../../schema';

/**
 * A fresh in-memory SQLite database with Keystone 22's schema (root domain
 * row included), through knex on better-sqlite3 with one connection — the
 * shape core's Database gives drivers.
 */
export async function sqliteKeystoneDb(): Promise<{ knex: Knex; close: () => Promise<void> }> {
  const knexFactory = require('knex') as (cfg: object) => Knex;
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  await syncSchema(knexExecutor(knex as never), 'sqlite');
  return { knex, close: () => knex.destroy() };
}
