import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { ConfigurationError, parseBackendArguments, parseServerAddress, type CacheBackendOptions } from '@keystone-ts/plugin-sdk';

export interface RedisSettings {
  host: string;
  port: number;
  db: number;
  username: string | null;
  password: string | null;
  timeoutMs: number;
  tls: ConnectionOptions | null;
  /** Set for dogpile.cache.redis_sentinel: where to ask for the master. */
  sentinel: { sentinels: { host: string; port: number }[]; serviceName: string } | null;
}

/**
 * dogpile's Redis arguments, from `[cache] backend_argument`:
 * `url:redis://[[user]:password@]host[:port][/db]` (`rediss://` for TLS),
 * or `host`, `port`, `db`, `username`, `password`; `socket_timeout`
 * (seconds); for the sentinel backend `sentinels:h1:26379,h2:26379` and
 * `service_name` (default mymaster). `[cache] tls_*` turn TLS on as for
 * memcached.
 */
export function redisSettings(o: CacheBackendOptions, sentinel: boolean): RedisSettings {
  const { values: a } = parseBackendArguments(o.backend_argument);
  let host = a.host ?? 'localhost';
  let port = a.port ? Number(a.port) : 6379;
  let db = a.db ? Number(a.db) : 0;
  let username = a.username ?? null;
  let password = a.password ?? null;
  let useTls = o.tls_enabled || a.ssl === 'true' || a.ssl === 'True';
  if (a.url) {
    let u: URL;
    try {
      u = new URL(a.url);
    } catch {
      throw new ConfigurationError(`[cache] backend_argument url: '${a.url}' is not a redis:// URL`);
    }
    if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new ConfigurationError(`[cache] backend_argument url: unsupported scheme '${u.protocol}' (redis:// or rediss://)`);
    host = u.hostname.replace(/^\[|\]$/g, '') || host;
    port = u.port ? Number(u.port) : port;
    const path = u.pathname.replace(/^\//, '');
    if (path) db = Number(path);
    if (u.username) username = decodeURIComponent(u.username);
    if (u.password) password = decodeURIComponent(u.password);
    useTls ||= u.protocol === 'rediss:';
  }
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new ConfigurationError(`[cache] redis port '${port}' is not valid`);
  if (!Number.isInteger(db) || db < 0) throw new ConfigurationError(`[cache] redis db '${db}' is not valid`);
  const seconds = a.socket_timeout ? Number(a.socket_timeout) : (o.memcache_socket_timeout ?? 1);
  let sentinelSettings: RedisSettings['sentinel'] = null;
  if (sentinel) {
    if (!a.sentinels) throw new ConfigurationError('[cache] backend dogpile.cache.redis_sentinel needs backend_argument sentinels:<host>:<port>[,<host>:<port>...]');
    sentinelSettings = { sentinels: a.sentinels.split(',').map((s) => parseServerAddress(s, 26379)), serviceName: a.service_name || 'mymaster' };
  }
  return {
    host,
    port,
    db,
    username,
    password,
    timeoutMs: Math.max(10, Math.round(seconds * 1000)),
    tls: useTls ? tlsOptions(o) : null,
    sentinel: sentinelSettings,
  };
}

function tlsOptions(o: CacheBackendOptions): ConnectionOptions {
  const read = (f: string | null) => (f ? readFileSync(f) : undefined);
  return { ca: read(o.tls_cafile), cert: read(o.tls_certfile), key: read(o.tls_keyfile ?? o.tls_certfile), ciphers: o.tls_allowed_ciphers ?? undefined };
}

/** AUTH and SELECT, sent first on every connection. */
export function handshakeFor(s: Pick<RedisSettings, 'username' | 'password' | 'db'>): string[][] {
  const out: string[][] = [];
  if (s.password) out.push(s.username ? ['AUTH', s.username, s.password] : ['AUTH', s.password]);
  if (s.db) out.push(['SELECT', String(s.db)]);
  return out;
}
