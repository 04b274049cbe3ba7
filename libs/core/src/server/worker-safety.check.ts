import { availableParallelism } from 'node:os';
import { ConfigurationError } from '@keystone-ts/plugin-sdk';
import type { KeystoneConfig } from '../config/keystone-config';
// The cache layer's own list of in-process names, so the two cannot drift apart.
import { MEMORY_BACKEND_NAMES } from '../cache/local-cache.backends';
import { cacheOptions } from '../cache/cache.options';

/**
 * Stores that live in one process's memory. With several workers each one
 * would hold its own copy: a token persisted by one worker is unknown to the
 * others, and a cache invalidated by one worker stays stale in the others
 * (the seed's warning about KVS under HTTPD).
 */
export const PROCESS_LOCAL_CACHE_BACKENDS: readonly string[] = MEMORY_BACKEND_NAMES;
export const PROCESS_LOCAL_TOKEN_DRIVERS: readonly string[] = [
  'kvs',
  'memory',
  'keystone.token.persistence.backends.kvs.Token',
  'keystone.token.backends.kvs.Token',
  'keystone.token.backends.memory.Token',
];

/**
 * How many worker processes keystone-all runs. The same workers serve both
 * ports, so the larger of the two settings wins; unset means one per CPU.
 */
export function workerCount(config: KeystoneConfig): number {
  const set = [config.get<number | null>('eventlet_server', 'public_workers'), config.get<number | null>('eventlet_server', 'admin_workers')].filter(
    (n): n is number => n !== null && n !== undefined,
  );
  return set.length ? Math.max(...set) : availableParallelism();
}

/** The one-line reason the configuration cannot run with `workers` processes, or null. */
export function findProcessLocalState(config: KeystoneConfig, workers: number): string | null {
  if (workers <= 1) return null;
  const fix = `or set [eventlet_server] public_workers = 1`;
  const cacheBackend = readOption(config, 'cache', 'backend');
  if (cacheBackend && parseBool(readOption(config, 'cache', 'enabled')) && PROCESS_LOCAL_CACHE_BACKENDS.includes(cacheBackend)) {
    return (
      `${where(config, 'cache', 'backend')}[cache] backend = ${cacheBackend} is process-local and cannot be shared by ${workers} workers ` +
      `(each would keep its own cache and miss the others' invalidations); use a shared backend ` +
      `(dogpile.cache.pymemcache, oslo_cache.memcache_pool, dogpile.cache.redis) ${fix}`
    );
  }
  const tokenDriver = readOption(config, 'token', 'driver');
  if (tokenDriver && PROCESS_LOCAL_TOKEN_DRIVERS.includes(tokenDriver)) {
    return (
      `${where(config, 'token', 'driver')}[token] driver = ${tokenDriver} keeps tokens in one process's memory and cannot be shared by ${workers} workers ` +
      `(a token issued by one worker would not validate on another); use [token] driver = sql (or memcache) ${fix}`
    );
  }
  return null;
}

/** Refuses, with a ConfigurationError, a process-local store when more than one worker runs. */
export function checkWorkerSafety(config: KeystoneConfig, workers: number): void {
  const problem = findProcessLocalState(config, workers);
  if (problem) throw new ConfigurationError(problem);
}

/**
 * The value in effect: typed when the group is registered, else the raw text
 * (or the cache layer's default: keystone-ts's [cache] enabled defaults to
 * true, unlike oslo.cache), so the check does not depend on whether the
 * [cache] group is registered in this build.
 */
function readOption(config: KeystoneConfig, group: string, name: string): string | null {
  if (config.registry.get(group, name)) {
    const v = config.get<unknown>(group, name);
    return v === null || v === undefined ? null : String(v).trim();
  }
  const values = config.rawSection(group).get(name);
  if (values?.length) return values[values.length - 1].value.trim();
  // Unset: the cache layer's default even while its group is not wired into this build.
  const fallback = group === cacheOptions.name ? (cacheOptions.options as Record<string, { default?: unknown }>)[name]?.default : undefined;
  return fallback === undefined || fallback === null ? null : String(fallback);
}

/** oslo.config's boolean spellings. */
function parseBool(v: string | null): boolean {
  return v !== null && /^(true|1|yes|on)$/i.test(v);
}

function where(config: KeystoneConfig, group: string, name: string): string {
  const at = config.registry.get(group, name) ? config.locate(group, name) : config.rawSection(group).get(name)?.at(-1);
  return at ? `${at.file}:${at.line}: ` : '';
}
