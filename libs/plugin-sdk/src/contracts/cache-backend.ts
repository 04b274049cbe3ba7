/**
 * The `keystone.cache.backend` contract: the shared key-value store behind
 * core's cache regions (memcached, Redis, or in-process memory).
 *
 * Core owns everything above the wire: key naming, serialisation, region
 * generations, single-flight, per-call deadlines and the circuit breaker. A
 * backend therefore stays dumb on purpose: it must not retry, must not queue
 * requests while its server is unreachable (reject instead, so the request
 * falls back to the database at once), and must not invent values.
 *
 * Keys come from core: at most 200 ASCII characters from [A-Za-z0-9._:-].
 * Values are UTF-8 text. `ttlSeconds` 0 means "no expiry" (the server may
 * still evict the entry); core never passes a negative TTL.
 */
export interface CacheBackend {
  /**
   * True when every process and node configured alike sees the same data
   * (memcached, Redis). An in-process store is false: with more than one
   * worker its invalidations would not reach the others, so it is refused.
   */
  readonly shared: boolean;
  /** One round trip: the values of `keys`, in order, `undefined` for a miss. */
  getMany(keys: readonly string[]): Promise<(string | undefined)[]>;
  /** Stores unconditionally. */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Stores only when the key is absent (memcached `add`, Redis `SET NX`); false when it was present. */
  add(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /** Removes the key; no error when it is absent. */
  delete(key: string): Promise<void>;
  /** Closes connections; pending calls may reject. */
  close(): Promise<void>;
}

/**
 * The `[cache]` values (oslo.cache's names) a backend reads from
 * `ctx.options`; its driver definition names `optionGroup: 'cache'`.
 */
export interface CacheBackendOptions {
  backend: string;
  /** dogpile-style `name:value` pairs; see `parseBackendArguments`. */
  backend_argument: string[];
  expiration_time: number;
  memcache_servers: string[];
  memcache_dead_retry: number;
  /** Seconds: connect timeout, and how long a silent server keeps its connection. */
  memcache_socket_timeout: number;
  memcache_pool_maxsize: number;
  memcache_sasl_enabled: boolean;
  memcache_username: string | null;
  memcache_password: string | null;
  tls_enabled: boolean;
  tls_cafile: string | null;
  tls_certfile: string | null;
  tls_keyfile: string | null;
  tls_allowed_ciphers: string | null;
  /** keystone-ts: seconds core waits for one cache call before using the database. */
  operation_timeout: number;
}

/**
 * oslo.cache's `backend_argument` values (`<name>:<value>`, split at the
 * first colon, last one wins) as a map. Values without a colon are skipped,
 * as oslo.cache does (it logs them); they are returned in `malformed`.
 */
export function parseBackendArguments(args: readonly string[] | null | undefined): { values: Record<string, string>; malformed: string[] } {
  const values: Record<string, string> = {};
  const malformed: string[] = [];
  for (const arg of args ?? []) {
    const at = arg.indexOf(':');
    if (at <= 0) {
      malformed.push(arg);
      continue;
    }
    values[arg.slice(0, at).trim()] = arg.slice(at + 1).trim();
  }
  return { values, malformed };
}

/**
 * `host:port` of a cache server as oslo.cache writes them: `host:port`,
 * `inet6:[::1]:11211`, `[::1]:11211`, or a bare host (default port).
 */
export function parseServerAddress(text: string, defaultPort: number): { host: string; port: number } {
  let s = text.trim().replace(/^inet6?:/, '');
  let host: string;
  let port = defaultPort;
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) throw new Error(`Bad cache server address '${text}'`);
    host = s.slice(1, end);
    s = s.slice(end + 1);
    if (s.startsWith(':')) port = Number(s.slice(1));
  } else {
    const at = s.lastIndexOf(':');
    host = at >= 0 ? s.slice(0, at) : s;
    if (at >= 0) port = Number(s.slice(at + 1));
  }
  if (!host || !Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`Bad cache server address '${text}'`);
  return { host, port };
}
