import { definePlugin, parseBackendArguments, parseServerAddress, type CacheBackend } from '@keystone-ts/plugin-sdk';
import memcachedPlugin from '@keystone-ts/plugin-cache-memcached';
import redisPlugin from '@keystone-ts/plugin-cache-redis';
import { PluginRegistry } from '../plugins/plugin-registry';
import { DriverFactory } from '../plugins/driver-factory';
import { getLogger } from '../logging/logger';
import { CacheRegions } from './cache-regions';
import { coreCacheBackendDrivers, MemoryCacheBackend } from './local-cache.backends';
import { cacheTestConfig } from './testing/cache-test-kit';

function deps(conf: string, withCoreDrivers = true) {
  const registry = new PluginRegistry();
  if (withCoreDrivers) registry.register(definePlugin({ id: 'core-defaults', compatibility: '^1.0.0', drivers: coreCacheBackendDrivers }), '@keystone-ts/core');
  registry.register(memcachedPlugin, '@keystone-ts/plugin-cache-memcached');
  registry.register(redisPlugin, '@keystone-ts/plugin-cache-redis');
  registry.lock();
  const config = cacheTestConfig(conf);
  return { config, registry, drivers: new DriverFactory(registry, {}, getLogger) };
}

const backendOf = (r: CacheRegions) => (r as unknown as { guard: { backend: CacheBackend } }).guard.backend;

describe('[cache] backend selection', () => {
  it('maps every oslo/dogpile name to a real backend', async () => {
    const cases: [string, string][] = [
      ['dogpile.cache.memory', 'MemoryCacheBackend'],
      ['oslo_cache.dict', 'MemoryCacheBackend'],
      ['dogpile.cache.memcached', 'MemcachedCacheBackend'],
      ['dogpile.cache.pylibmc', 'MemcachedCacheBackend'],
      ['dogpile.cache.bmemcached', 'MemcachedCacheBackend'],
      ['dogpile.cache.pymemcache', 'MemcachedCacheBackend'],
      ['oslo_cache.memcache_pool', 'MemcachedCacheBackend'],
      ['dogpile.cache.redis', 'RedisCacheBackend'],
    ];
    for (const [name, cls] of cases) {
      const regions = await CacheRegions.create(deps(`[cache]\nbackend = ${name}\n`));
      expect([name, regions.enabled, backendOf(regions).constructor.name]).toEqual([name, true, cls]);
      await regions.close();
    }
    const sentinel = await CacheRegions.create(deps('[cache]\nbackend = dogpile.cache.redis_sentinel\nbackend_argument = sentinels:127.0.0.1:26379\n'));
    expect(backendOf(sentinel).constructor.name).toBe('RedisCacheBackend');
    await sentinel.close();
  });

  it('keeps the null backend (the default) and [cache] enabled = false uncached', async () => {
    for (const conf of ['', '[cache]\nbackend = dogpile.cache.null\n', '[cache]\nenabled = false\nbackend = dogpile.cache.memcached\n']) {
      const regions = await CacheRegions.create(deps(conf));
      expect(regions.enabled).toBe(false);
      expect(regions.region('token').active).toBe(false);
    }
  });

  it('serves the memory backend even where core has not registered its drivers', async () => {
    const regions = await CacheRegions.create(deps('[cache]\nbackend = dogpile.cache.memory\n', false));
    expect(backendOf(regions)).toBeInstanceOf(MemoryCacheBackend);
    expect(regions.shared).toBe(false);
  });

  it('names what is installed when the backend is unknown', async () => {
    await expect(CacheRegions.create(deps('[cache]\nbackend = dogpile.cache.dbm\n'))).rejects.toThrow(
      /'dogpile.cache.dbm'.*installed: dogpile.cache.memcached, dogpile.cache.memory, dogpile.cache.null, dogpile.cache.redis, dogpile.cache.redis_sentinel/,
    );
  });

  it('reads a region TTL from its group, then from [cache] expiration_time', () => {
    const regions = CacheRegions.over(new MemoryCacheBackend(), cacheTestConfig('[cache]\nexpiration_time = 30\n[revoke]\ncache_time = 5\n'));
    const ttl = (n: 'revoke' | 'token') => (regions.region(n) as unknown as { ttlSeconds: number }).ttlSeconds;
    expect(ttl('revoke')).toBe(5);
    expect(ttl('token')).toBe(30);
  });
});

describe('dogpile argument parsing', () => {
  it('splits at the first colon, last one wins, malformed ones reported', () => {
    expect(parseBackendArguments(['url:redis://h:1/0', 'db:1', 'db:2', 'nonsense', ':x'])).toEqual({ values: { url: 'redis://h:1/0', db: '2' }, malformed: ['nonsense', ':x'] });
    expect(parseBackendArguments(undefined)).toEqual({ values: {}, malformed: [] });
  });

  it('reads server addresses as oslo.cache writes them', () => {
    expect(parseServerAddress('10.0.0.1:11211', 1)).toEqual({ host: '10.0.0.1', port: 11211 });
    expect(parseServerAddress('inet6:[fd12::1]:11212', 1)).toEqual({ host: 'fd12::1', port: 11212 });
    expect(parseServerAddress('[::1]', 11211)).toEqual({ host: '::1', port: 11211 });
    expect(parseServerAddress('cache', 6379)).toEqual({ host: 'cache', port: 6379 });
    expect(() => parseServerAddress('h:notaport', 1)).toThrow(/Bad cache server address/);
  });
});
