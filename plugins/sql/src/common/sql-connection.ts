import type { DriverContext } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import type { Dialect } from './sql-values';

/** The shared connection, owned by core; drivers never open their own. */
export function sqlConnection(ctx: DriverContext): { knex: () => Knex; dialect: Dialect } {
  const db = ctx.services.database;
  if (!db) throw new Error("The SQL drivers need core's database service");
  return { knex: () => db.knex() as Knex, dialect: db.dialect };
}
