import { DATABASE, type Database } from '@keystone-ts/core';
import type { TestServer } from './e2e-server';

/** `[cache]` for the in-process store: enough to prove a warm read runs no SQL. */
export const MEMORY_CACHE = '[cache]\nenabled = true\nbackend = dogpile.cache.memory\n';

/** The SQL statements run while `fn` runs (knex's 'query' event). */
export async function countQueries(server: TestServer, fn: () => Promise<unknown>): Promise<string[]> {
  const knex = server.app.get<Database>(DATABASE).knex();
  const seen: string[] = [];
  const listener = (q: { sql: string }) => seen.push(q.sql);
  knex.on('query', listener);
  try {
    await fn();
  } finally {
    knex.off('query', listener);
  }
  return seen;
}
