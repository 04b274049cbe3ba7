import { openDatabase, type Database, type KeystoneRuntime } from '@keystone-ts/core';

/** Opens the configured database for a command and always closes it. */
export async function withDatabase<T>(runtime: KeystoneRuntime, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(runtime.config);
  runtime.services.database = db;
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
