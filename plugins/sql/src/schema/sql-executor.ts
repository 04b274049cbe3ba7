/**
 * The narrow database seam the schema code needs, so it runs on whatever
 * connection the caller has (better-sqlite3, a knex instance, a MikroORM
 * connection's knex, a test double).
 *
 * Placeholders are positional `?` in both dialects (the adapters translate
 * when the driver wants `$1`). Row objects are keyed by column name.
 */
import { SqlDialect } from './schema-dsl';

export interface SqlExecutor {
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  execute(sql: string, params?: unknown[]): Promise<void>;
  /**
   * Optional: which dialect this connection speaks. Lets helpers such as
   * schemaVersion() work without being told.
   */
  readonly dialect?: SqlDialect;
  /**
   * Optional: run `work` inside one transaction on one connection, committing
   * when it resolves and rolling back when it throws. Pooled executors must
   * provide it (BEGIN/COMMIT sent through a pool could land on different
   * connections); without it callers fall back to BEGIN/COMMIT statements.
   */
  transaction?<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/** Runs `work` in a transaction using the executor's own support or plain statements. */
export async function inTransaction<T>(
  exec: SqlExecutor,
  work: (tx: SqlExecutor) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  if (exec.transaction) return exec.transaction(work);
  await exec.execute(begin);
  let result: T;
  try {
    result = await work(exec);
  } catch (err) {
    try {
      await exec.execute('ROLLBACK');
    } catch {
      // The original error matters more than a failed rollback (e.g. the
      // driver already aborted the transaction).
    }
    throw err;
  }
  await exec.execute('COMMIT');
  return result;
}
