import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import {
  ConfigurationError,
  parseBackendArguments,
  parseServerAddress,
  type CacheBackend,
  type CacheBackendOptions,
} from '@keystone-ts/plugin-sdk';
import { MemcachedConnection } from './memcached-connection';

/** memcached reads an expiry above 30 days as a Unix time. */
const RELATIVE_LIMIT = 60 * 60 * 24 * 30;
const VALID_KEY = /^[\x21-\x7e]{1,250}$/;
const POINTS_PER_SERVER = 160;

/**
 * memcached servers as one store. Keys are spread with a consistent-hash
 * ring (adding a server moves about 1/N of them). A key whose server is down
 * fails; it is never re-hashed to another server, because a key that moved
 * and came back could bring stale data back with it (what
 * `memcache_pool_flush_on_reconnect` tries to paper over). Core's breaker
 * then sends requests to the database until the server answers again.
 */
export class MemcachedCacheBackend implements CacheBackend {
  readonly shared = true;
  private readonly ring: { point: number; conn: MemcachedConnection }[];

  constructor(readonly connections: readonly MemcachedConnection[]) {
    if (connections.length === 0) throw new ConfigurationError('[cache] memcache_servers is empty');
    this.ring = connections
      .flatMap((conn) => Array.from({ length: POINTS_PER_SERVER }, (_, i) => ({ point: hash32(`${conn.host}:${conn.port}-${i}`), conn })))
      .sort((a, b) => a.point - b.point);
  }

  static fromOptions(o: CacheBackendOptions): MemcachedCacheBackend {
    if (o.memcache_sasl_enabled) {
      throw new ConfigurationError('[cache] memcache_sasl_enabled: SASL authentication to memcached is not supported by keystone-ts');
    }
    const { values } = parseBackendArguments(o.backend_argument);
    const servers = values.url ? values.url.split(',') : o.memcache_servers;
    const timeoutMs = Math.max(10, Math.round((o.memcache_socket_timeout ?? 1) * 1000));
    const tls = o.tls_enabled ? tlsOptions(o) : null;
    return new MemcachedCacheBackend(
      servers.filter((s) => s.trim()).map((s) => {
        const { host, port } = parseServerAddress(s, 11211);
        return new MemcachedConnection(host, port, timeoutMs, tls);
      }),
    );
  }

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    keys.forEach(checkKey);
    const byConn = new Map<MemcachedConnection, string[]>();
    for (const k of new Set(keys)) {
      const c = this.serverFor(k);
      byConn.set(c, [...(byConn.get(c) ?? []), k]);
    }
    const found = new Map<string, string>();
    await Promise.all(
      [...byConn].map(async ([c, ks]) => {
        for (const [k, v] of await c.get(ks)) found.set(k, v);
      }),
    );
    return keys.map((k) => found.get(k));
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    checkKey(key);
    const reply = await this.serverFor(key).store('set', key, value, exptime(ttlSeconds));
    if (reply !== 'STORED') throw new Error(`memcached set: ${reply}`);
  }

  async add(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    checkKey(key);
    const reply = await this.serverFor(key).store('add', key, value, exptime(ttlSeconds));
    if (reply === 'STORED') return true;
    if (reply === 'NOT_STORED') return false;
    throw new Error(`memcached add: ${reply}`);
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    const reply = await this.serverFor(key).delete(key);
    if (reply !== 'DELETED' && reply !== 'NOT_FOUND') throw new Error(`memcached delete: ${reply}`);
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.close();
  }

  private serverFor(key: string): MemcachedConnection {
    if (this.connections.length === 1) return this.connections[0];
    const h = hash32(key);
    let lo = 0;
    let hi = this.ring.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ring[mid].point < h) lo = mid + 1;
      else hi = mid;
    }
    return this.ring[lo % this.ring.length].conn;
  }
}

function hash32(s: string): number {
  return createHash('md5').update(s).digest().readUInt32BE(0);
}

function checkKey(key: string): void {
  if (!VALID_KEY.test(key)) throw new Error(`invalid memcached key '${key.slice(0, 40)}'`);
}

function exptime(ttlSeconds: number): number {
  if (ttlSeconds <= 0) return 0;
  return ttlSeconds > RELATIVE_LIMIT ? Math.floor(Date.now() / 1000) + ttlSeconds : ttlSeconds;
}

function tlsOptions(o: CacheBackendOptions): ConnectionOptions {
  const read = (f: string | null) => (f ? readFileSync(f) : undefined);
  return {
    ca: read(o.tls_cafile),
    cert: read(o.tls_certfile),
    key: read(o.tls_keyfile ?? o.tls_certfile),
    ciphers: o.tls_allowed_ciphers ?? undefined,
  };
}
