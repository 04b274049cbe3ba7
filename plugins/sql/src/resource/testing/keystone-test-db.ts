/* eslint-disable @typescript-eslint/no-require-imports */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { knexExecutor, syncSchema } from '../../schema';
import type { Dialect } from '../../common/sql-values';

/**
 * A fresh database with Keystone 22's schema (root domain row included),
 * through knex as core's Database hands it to drivers: in-memory SQLite, or a
 * private schema on the PostgreSQL database KEYSTONE_TS_TEST_PG_URL names (the
 * suite's PostgreSQL pass sets it).
 */
export async function keystoneTestDb(): Promise<{ knex: Knex; dialect: Dialect; close: () => Promise<void> }> {
  const knexFactory = require('knex') as (cfg: object) => Knex;
  const pgUrl = process.env.KEYSTONE_TS_TEST_PG_URL;
  if (!pgUrl) {
    const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
    await syncSchema(knexExecutor(knex as never), 'sqlite');
    return { knex, dialect: 'sqlite', close: () => knex.destroy() };
  }
  // A private schema per test: the test role owns its database but may not create others.
  const schema = `ks_resource_${randomBytes(6).toString('hex')}`;
  const connection = pgUrl.replace(/^postgresql\+\w+:/, 'postgresql:');
  const admin = knexFactory({ client: 'pg', connection, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE SCHEMA ${schema}`);
  const knex = knexFactory({ client: 'pg', connection, searchPath: [schema], pool: { min: 0, max: 4 } });
  await syncSchema(knexExecutor(knex as never), 'postgresql');
  return {
    knex,
    dialect: 'postgresql',
    close: async () => {
      await knex.destroy();
      await admin.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.destroy();
    },
  };
}
