import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import type { DatabaseFacade } from '@keystone-ts/plugin-sdk';
import type { DatabaseTarget } from './connection-url';

/**
 * The process's one MikroORM instance. SQL drivers use its knex builder: the
 * Keystone schema is fixed column for column, so hand-written queries beat
 * entity mapping on the hot paths, while MikroORM owns the pool, dialects and
 * lifecycle.
 */
export class Database implements DatabaseFacade {
  private constructor(
    readonly orm: MikroORM,
    readonly dialect: 'sqlite' | 'postgresql',
  ) {}

  static async open(target: DatabaseTarget, opts: { poolSize?: number; entities?: unknown[]; debug?: boolean } = {}): Promise<Database> {
    const common = {
      entities: (opts.entities ?? []) as never[],
      discovery: { warnWhenNoEntities: false },
      debug: opts.debug ?? false,
      allowGlobalContext: true,
    };
    if (target.dialect === 'sqlite') {
      if (target.filename !== ':memory:') mkdirSync(dirname(target.filename), { recursive: true });
      const { BetterSqliteDriver } = await import('@mikro-orm/better-sqlite');
      const orm = await MikroORM.init({
        ...common,
        driver: BetterSqliteDriver,
        dbName: target.filename,
        // WAL: readers never block the writer, so many workers share one file.
        pool: { min: 1, max: 1, afterCreate: (conn: { pragma(s: string): void }, done: (e: unknown, c: unknown) => void) => {
          conn.pragma('journal_mode = WAL');
          conn.pragma('busy_timeout = 10000');
          done(null, conn);
        } },
      } as never);
      const db = new Database(orm, 'sqlite');
      beginImmediate(db.knex());
      return db;
    }
    const { PostgreSqlDriver } = await import('@mikro-orm/postgresql');
    const orm = await MikroORM.init({
      ...common,
      driver: PostgreSqlDriver,
      dbName: target.database,
      host: target.host,
      port: target.port,
      user: target.user,
      password: target.password,
      pool: { min: 0, max: opts.poolSize ?? 5 },
    } as never);
    return new Database(orm, 'postgresql');
  }

  knex(): Knex {
    return (this.orm.em as unknown as { getKnex(): Knex }).getKnex();
  }

  async close(): Promise<void> {
    await this.orm.close(true);
  }
}

/**
 * SQLite write transactions must take the write lock at BEGIN. A deferred
 * transaction that reads first and writes later cannot wait for another
 * process's writer (busy_timeout does not apply to the lock upgrade), so it
 * fails with "database is locked" under concurrent workers.
 */
function beginImmediate(knex: Knex): void {
  const client = (knex as unknown as { client: { transaction: (...a: unknown[]) => { begin: unknown; query: (c: unknown, sql: string) => unknown } } }).client;
  const original = client.transaction.bind(client);
  client.transaction = (...args: unknown[]) => {
    const trx = original(...args);
    // begin() runs after the connection is acquired, i.e. after this returns.
    trx.begin = (conn: unknown) => trx.query(conn, 'BEGIN IMMEDIATE;');
    return trx;
  };
}
