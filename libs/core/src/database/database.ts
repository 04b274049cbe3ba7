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
      cachePreparedStatements(db.knex());
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

interface SqliteStatement {
  reader: boolean;
  safeIntegers(on: boolean): void;
  all(bindings: unknown[]): unknown;
  run(bindings: unknown[]): { lastInsertRowid: unknown; changes: number };
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}
interface QueryObject {
  sql?: string;
  bindings?: unknown[];
  options?: unknown;
  response?: unknown;
  context?: unknown;
}

/** Distinct SQL texts kept prepared per connection (IN lists of many lengths must not grow it without bound). */
const STATEMENTS_PER_CONNECTION = 512;

/**
 * knex prepares every better-sqlite3 statement anew, which costs more than
 * running it for the short lookups of the hot paths. This keeps prepared
 * statements per connection, by SQL text, least recently used dropped first.
 * SQLite re-prepares a statement by itself after a schema change.
 */
function cachePreparedStatements(knex: Knex): void {
  type Client = { _query(conn: SqliteConnection, obj: QueryObject): Promise<QueryObject>; _formatBindings(b: unknown[] | undefined): unknown[]; _optSafeIntegers(o: unknown): boolean | undefined };
  const client = (knex as unknown as { client: Client }).client;
  const caches = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();
  client._query = async (connection, obj) => {
    if (!obj.sql) throw new Error('The query is empty');
    if (!connection) throw new Error('No connection provided');
    let cache = caches.get(connection);
    if (!cache) caches.set(connection, (cache = new Map()));
    let statement = cache.get(obj.sql);
    if (statement) {
      cache.delete(obj.sql); // re-inserted below: most recently used last
    } else {
      statement = connection.prepare(obj.sql);
      if (cache.size >= STATEMENTS_PER_CONNECTION) cache.delete(cache.keys().next().value as string);
    }
    cache.set(obj.sql, statement);
    // A cached statement keeps the last mode it was given: set it every time.
    statement.safeIntegers(client._optSafeIntegers(obj.options) ?? false);
    const bindings = client._formatBindings(obj.bindings);
    if (statement.reader) {
      obj.response = statement.all(bindings);
      return obj;
    }
    const response = statement.run(bindings);
    obj.response = response;
    obj.context = { lastID: response.lastInsertRowid, changes: response.changes };
    return obj;
  };
}
