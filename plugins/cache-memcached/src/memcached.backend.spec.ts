import type { CacheBackendOptions } from '@keystone-ts/plugin-sdk';
// Test-only helpers shared by the cache backends (they start real servers).
import { CacheServer } from '../../../libs/core/src/cache/testing/cache-servers';
import { cacheBackendConformance } from '../../../libs/core/src/cache/testing/cache-backend.conformance';
import plugin, { MemcachedCacheBackend } from './index';

function options(o: Partial<CacheBackendOptions>): CacheBackendOptions {
  return {
    backend: 'dogpile.cache.memcached',
    backend_argument: [],
    expiration_time: 600,
    memcache_servers: ['localhost:11211'],
    memcache_dead_retry: 300,
    memcache_socket_timeout: 0.5,
    memcache_pool_maxsize: 10,
    memcache_sasl_enabled: false,
    memcache_username: '',
    memcache_password: '',
    tls_enabled: false,
    tls_cafile: null,
    tls_certfile: null,
    tls_keyfile: null,
    tls_allowed_ciphers: null,
    operation_timeout: 0.1,
    ...o,
  };
}

let one: CacheServer;
let two: CacheServer;
beforeAll(async () => {
  [one, two] = await Promise.all([CacheServer.start('memcached'), CacheServer.start('memcached')]);
});
afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
});

cacheBackendConformance('memcached (one server)', () => MemcachedCacheBackend.fromOptions(options({ memcache_servers: [one.address] })), { shared: true });
cacheBackendConformance('memcached (two servers, via backend_argument url)', () =>
  MemcachedCacheBackend.fromOptions(options({ backend_argument: [`url:${one.address},${two.address}`] })),
);

describe('memcached backend', () => {
  it('registers under every oslo/dogpile memcached name', () => {
    const d = plugin.drivers![0];
    expect([d.name, ...(d.aliases ?? [])]).toEqual(
      expect.arrayContaining(['dogpile.cache.memcached', 'dogpile.cache.pylibmc', 'dogpile.cache.bmemcached', 'oslo_cache.memcache_pool', 'dogpile.cache.pymemcache']),
    );
    expect(d.optionGroup).toBe('cache');
  });

  it('spreads keys over the servers', async () => {
    const b = MemcachedCacheBackend.fromOptions(options({ memcache_servers: [one.address, two.address] }));
    const keys = Array.from({ length: 200 }, (_, i) => `ks:spread:${Date.now()}:${i}`);
    await Promise.all(keys.map((k) => b.set(k, 'x', 60)));
    const onOne = MemcachedCacheBackend.fromOptions(options({ memcache_servers: [one.address] }));
    const hits = (await onOne.getMany(keys)).filter((v) => v !== undefined).length;
    expect(hits).toBeGreaterThan(50);
    expect(hits).toBeLessThan(150);
    await Promise.all([b.close(), onOne.close()]);
  });

  it('refuses SASL and understands inet6 server syntax', () => {
    expect(() => MemcachedCacheBackend.fromOptions(options({ memcache_sasl_enabled: true }))).toThrow(/SASL/);
    const b = MemcachedCacheBackend.fromOptions(options({ memcache_servers: ['inet6:[::1]:11311', 'cache-1:11411'] }));
    expect(b.connections.map((c) => `${c.host}/${c.port}`)).toEqual(['::1/11311', 'cache-1/11411']);
  });

  it('fails fast while the server is down, and reconnects by itself after a restart', async () => {
    const server = await CacheServer.start('memcached');
    const b = MemcachedCacheBackend.fromOptions(options({ memcache_servers: [server.address] }));
    try {
      await b.set('ks:restart', 'before', 0);
      await server.kill();
      const t0 = Date.now();
      await expect(b.getMany(['ks:restart'])).rejects.toThrow();
      await expect(b.set('ks:restart', 'x', 0)).rejects.toThrow();
      expect(Date.now() - t0).toBeLessThan(200); // refused at once, not after a timeout
      await server.restart();
      expect(await b.getMany(['ks:restart'])).toEqual([undefined]); // a restart loses the data
      await b.set('ks:restart', 'after', 0);
      expect(await b.getMany(['ks:restart'])).toEqual(['after']);
    } finally {
      await b.close();
      await server.stop();
    }
  });

  it('a paused server fails calls within the socket timeout, and serves its data again once resumed', async () => {
    const server = await CacheServer.start('memcached');
    const b = MemcachedCacheBackend.fromOptions(options({ memcache_servers: [server.address], memcache_socket_timeout: 0.2 }));
    try {
      await b.set('ks:pause', 'kept', 0);
      await server.pause();
      const t0 = Date.now();
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => b.getMany(['ks:pause'])));
      expect(results.every((r) => r.status === 'rejected')).toBe(true);
      expect(Date.now() - t0).toBeLessThan(1000);
      server.resume();
      expect(await b.getMany(['ks:pause'])).toEqual(['kept']);
    } finally {
      await b.close();
      await server.stop();
    }
  });
});
