/**
 * SqlExecutor adapters. Both are typed structurally (only the few members we
 * call), so this package needs neither better-sqlite3's nor knex's type
 * packages, and any compatible object (a MikroORM connection's knex, a knex
 * transaction) can be passed.
 */
import { SqlDialect } from './schema-dsl';
import { SqlExecutor } from './sql-executor';

/** The part of a better-sqlite3 Database used here. */
export interface BetterSqlite3Like {
  prepare(sql: string): {
    readonly reader: boolean;
    all(...params: unknown[]): unknown[];
    run(...params: unknown[]): unknown;
  };
  readonly inTransaction: boolean;
}

/**
 * better-sqlite3 is synchronous and has one connection, so a transaction is
 * plain BEGIN/COMMIT on it. BEGIN IMMEDIATE takes the write lock up front:
 * two processes creating the schema at once then queue (busy timeout) instead
 * of both reading "empty" and colliding later.
 */
export function betterSqlite3Executor(db: BetterSqlite3Like): SqlExecutor {
  // better-sqlite3 binds numbers, strings, bigints, buffers and null only.
  const bind = (params: unknown[] = []) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
  const exec: SqlExecutor = {
    dialect: 'sqlite',
    async query(sql, params) {
      const stmt = db.prepare(sql);
      if (!stmt.reader) {
        stmt.run(...bind(params));
        return [];
      }
      return stmt.all(...bind(params)) as Record<string, unknown>[];
    },
    async execute(sql, params) {
      db.prepare(sql).run(...bind(params));
    },
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      if (db.inTransaction) {
        throw new Error('betterSqlite3Executor: a transaction is already open on this connection');
      }
      db.prepare('BEGIN IMMEDIATE').run();
      try {
        const result = await work(exec);
        db.prepare('COMMIT').run();
        return result;
      } catch (err) {
        // SQLite may already have rolled back (e.g. after SQLITE_FULL).
        if (db.inTransaction) db.prepare('ROLLBACK').run();
        throw err;
      }
    },
  };
  return exec;
}

/** The part of a knex instance (or knex transaction) used here. */
export interface KnexLike {
  raw(sql: string, bindings?: readonly unknown[]): PromiseLike<unknown>;
  transaction?: unknown;
  readonly client: { readonly dialect?: string; readonly config?: { readonly client?: unknown } };
}

function knexDialect(knex: KnexLike): SqlDialect {
  // knex's better-sqlite3 client reports the sqlite3 dialect.
  switch (knex.client.dialect) {
    case 'postgresql':
      return 'postgresql';
    case 'sqlite3':
      return 'sqlite';
    default:
      throw new Error(`knexExecutor: unsupported knex dialect '${String(knex.client.dialect)}' (sqlite, postgresql)`);
  }
}

/** knex.raw answers differ by driver: pg gives {rows}, the SQLite clients an array (or run info). */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  if (result && typeof result === 'object' && Array.isArray((result as { rows?: unknown }).rows)) {
    return (result as { rows: Record<string, unknown>[] }).rows;
  }
  return [];
}

type KnexTransaction = <T>(work: (trx: KnexLike) => Promise<T>) => Promise<T>;

/**
 * knex pools connections, so a transaction must go through knex.transaction()
 * (one connection for the whole unit); statements are sent through raw() with
 * `?` placeholders, which knex rewrites to `$n` for PostgreSQL.
 */
export function knexExecutor(knex: KnexLike): SqlExecutor {
  const dialect = knexDialect(knex);
  const run = (sql: string, params?: unknown[]) =>
    params && params.length > 0 ? knex.raw(sql, params) : knex.raw(sql);
  return {
    dialect,
    async query(sql, params) {
      return rowsOf(await run(sql, params));
    },
    async execute(sql, params) {
      await run(sql, params);
    },
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      if (typeof knex.transaction !== 'function') {
        throw new Error('knexExecutor: this knex object cannot open transactions');
      }
      const begin = knex.transaction.bind(knex) as KnexTransaction;
      return begin((trx) => work(knexExecutor(trx)));
    },
  };
}
