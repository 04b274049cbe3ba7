import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

/**
 * `[cache]`: oslo.cache 3.2's options (Keystone 22's), names and defaults,
 * except `enabled`, which Keystone turns on by default (with the default
 * null backend that still caches nothing shared). The last three options
 * are keystone-ts's own: oslo.cache leaves a dead or slow cache server to
 * the client library, while here every cache call has a deadline and a
 * circuit breaker so a request never waits on a sick cache.
 */
export const cacheOptions = defineOptionGroup({
  name: 'cache',
  options: {
    config_prefix: opt.str({ default: 'cache.oslo', help: 'Prefix of the cache region configuration; also namespaces the keys, so two deployments may share one cache server.' }),
    expiration_time: opt.int({ default: 600, help: 'Default TTL, in seconds, of a cached item when its group sets no cache_time. 0 caches nothing.' }),
    backend: opt.str({
      default: 'dogpile.cache.null',
      help:
        'Cache backend (keystone.cache.backend). dogpile.cache.null: no shared cache; dogpile.cache.memory or oslo_cache.dict: in-process (one worker only); ' +
        'dogpile.cache.memcached, dogpile.cache.pymemcache, dogpile.cache.pylibmc, dogpile.cache.bmemcached, oslo_cache.memcache_pool: memcached; ' +
        'dogpile.cache.redis, dogpile.cache.redis_sentinel: Redis.',
    }),
    backend_argument: opt.multi({ default: [], secret: true, help: 'Arguments for the backend, one "<argname>:<value>" per line (e.g. url:redis://host:6379/0, host:localhost, db:1, sentinels:h1:26379,h2:26379, service_name:mymaster).' }),
    proxies: opt.list({ default: [], help: 'dogpile.cache proxy classes; accepted for compatibility and ignored.' }),
    enabled: opt.bool({ default: true, help: 'Global toggle for caching.' }),
    debug_cache_backend: opt.bool({ default: false, help: 'Log every cache get/set/delete (keys only).' }),
    memcache_servers: opt.list({ default: ['localhost:11211'], help: 'Memcache servers as "host:port" (IPv6: "inet6:[::1]:11211").' }),
    memcache_dead_retry: opt.int({ default: 300, help: 'Accepted for compatibility; keystone-ts retries a failed cache after [cache] failure_cooldown instead.' }),
    memcache_socket_timeout: opt.float({ default: 1.0, help: 'Seconds to connect to a cache server, and to keep a connection on which a server stays silent.' }),
    memcache_pool_maxsize: opt.int({ default: 10, help: 'Accepted for compatibility; keystone-ts pipelines requests on one connection per server and process.' }),
    memcache_pool_unused_timeout: opt.int({ default: 60, help: 'Accepted for compatibility (oslo_cache.memcache_pool only).' }),
    memcache_pool_connection_get_timeout: opt.int({ default: 10, help: 'Accepted for compatibility (oslo_cache.memcache_pool only).' }),
    memcache_pool_flush_on_reconnect: opt.bool({ default: false, help: 'Accepted for compatibility; region generations already keep stale data out after an outage.' }),
    memcache_sasl_enabled: opt.bool({ default: false, help: 'SASL authentication to memcached (not supported by keystone-ts: refused at start).' }),
    memcache_username: opt.str({ default: '', help: 'User name for memcached SASL.' }),
    memcache_password: opt.str({ default: '', secret: true, help: 'Password for memcached SASL.' }),
    tls_enabled: opt.bool({ default: false, help: 'Use TLS to talk to the cache servers.' }),
    tls_cafile: opt.str({ default: null, help: "CA certificates (PEM) that establish the cache servers' authenticity." }),
    tls_certfile: opt.str({ default: null, help: 'Client certificate (PEM), when the cache servers want one.' }),
    tls_keyfile: opt.str({ default: null, help: "Client private key; taken from tls_certfile when unset." }),
    tls_allowed_ciphers: opt.str({ default: null, help: 'OpenSSL cipher list for the TLS connections.' }),
    enable_socket_keepalive: opt.bool({ default: false, help: 'Accepted for compatibility (dogpile.cache.pymemcache only).' }),
    socket_keepalive_idle: opt.int({ default: 1, min: 0, help: 'Accepted for compatibility.' }),
    socket_keepalive_interval: opt.int({ default: 1, min: 0, help: 'Accepted for compatibility.' }),
    socket_keepalive_count: opt.int({ default: 1, min: 0, help: 'Accepted for compatibility.' }),
    enable_retry_client: opt.bool({ default: false, help: 'Accepted for compatibility; cache calls are never retried (the database answers instead).' }),
    retry_attempts: opt.int({ default: 2, min: 1, help: 'Accepted for compatibility.' }),
    retry_delay: opt.float({ default: 0, help: 'Accepted for compatibility.' }),
    hashclient_retry_attempts: opt.int({ default: 2, min: 1, help: 'Accepted for compatibility.' }),
    hashclient_retry_delay: opt.float({ default: 1, help: 'Accepted for compatibility.' }),
    dead_timeout: opt.float({ default: 60, help: 'Accepted for compatibility.' }),
    // keystone-ts extensions (not in oslo.cache; Keystone ignores them).
    operation_timeout: opt.float({ default: 0.1, min: 0.001, help: 'keystone-ts: seconds one cache call may take before the request uses the database instead.' }),
    failure_threshold: opt.int({ default: 3, min: 1, help: 'keystone-ts: consecutive failed cache calls after which the cache is bypassed.' }),
    failure_cooldown: opt.float({ default: 2.0, min: 0.01, help: 'keystone-ts: seconds between health probes of a bypassed cache; it is used again once a probe succeeds.' }),
  },
});
