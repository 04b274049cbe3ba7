import { defineDriver, definePlugin, Namespaces, type CacheBackend, type CacheBackendOptions } from '@keystone-ts/plugin-sdk';
import { MemcachedCacheBackend } from './memcached.backend';

export { MemcachedCacheBackend } from './memcached.backend';
export { MemcachedConnection } from './memcached-connection';

/**
 * Every memcached backend name oslo.cache and Keystone's docs know selects
 * this one implementation: they differ only in the Python client library.
 */
export const MEMCACHED_BACKEND_NAMES = [
  'dogpile.cache.memcached',
  'dogpile.cache.pymemcache',
  'dogpile.cache.pylibmc',
  'dogpile.cache.bmemcached',
  'oslo_cache.memcache_pool',
  'keystone.cache.memcache_pool',
  'memcached',
] as const;

export default definePlugin({
  id: 'cache-memcached',
  compatibility: '^1.0.0',
  drivers: [
    defineDriver<CacheBackend>({
      namespace: Namespaces.cacheBackend,
      name: MEMCACHED_BACKEND_NAMES[0],
      aliases: MEMCACHED_BACKEND_NAMES.slice(1),
      optionGroup: 'cache',
      create: (ctx) => MemcachedCacheBackend.fromOptions(ctx.options as unknown as CacheBackendOptions),
    }),
  ],
});
