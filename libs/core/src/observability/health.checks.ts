import { existsSync } from 'node:fs';
import type { Database } from '../database/database';

export interface HealthReason {
  /** Which part was checked. */
  class: 'database' | 'cache' | 'disable_by_file';
  reason: string;
  /** Whether this result makes the node unhealthy (503). A degraded cache does not: requests still succeed from the database. */
  ok: boolean;
  details?: Record<string, unknown>;
}

export interface CacheHealthSource {
  health(): { backend: string; state: string; dirty: string[] };
}

/** The database answers a trivial query within the timeout. */
export async function checkDatabase(db: Database, timeoutMs = 2000): Promise<HealthReason> {
  const started = process.hrtime.bigint();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.knex().raw('SELECT 1'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return { class: 'database', reason: 'OK', ok: true, details: { engine: db.dialect, latency_ms: Math.round(ms * 100) / 100 } };
  } catch (e) {
    // The driver's message may name hosts and users: only authorized callers see details.
    return { class: 'database', reason: 'database unreachable', ok: false, details: { engine: db.dialect, error: (e as Error).message } };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** The cache's circuit breaker state: 'open' means the backend is failing and reads go to the database. */
export function checkCache(cache: CacheHealthSource | null): HealthReason {
  if (!cache) return { class: 'cache', reason: 'OK', ok: true, details: { backend: 'none' } };
  const h = cache.health();
  const degraded = h.state === 'open' || h.state === 'probing';
  return {
    class: 'cache',
    reason: degraded ? 'cache unreachable: serving from the database' : 'OK',
    ok: true,
    details: { backend: h.backend, state: h.state, ...(h.dirty.length ? { regions_to_flush: h.dirty } : {}) },
  };
}

/** oslo.middleware's disable_by_file backend. */
export function checkDisableFile(path: string | null): HealthReason | null {
  if (!path || !existsSync(path)) return null;
  return { class: 'disable_by_file', reason: 'DISABLED BY FILE', ok: false, details: { path } };
}
