import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheBackendOptions } from '@keystone-ts/plugin-sdk';
// Test-only helpers shared by the cache backends (they start real servers).
import { CacheServer } from '../../../libs/core/src/cache/testing/cache-servers';
import { cacheBackendConformance } from '../../../libs/core/src/cache/testing/cache-backend.conformance';
import plugin, { RedisCacheBackend, RespConnection, redisSettings } from './index';

function options(o: Partial<CacheBackendOptions>): CacheBackendOptions {
  return {
    backend: 'dogpile.cache.redis',
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

let redis: CacheServer;
beforeAll(async () => {
  redis = await CacheServer.start('redis');
});
afterAll(async () => {
  await redis?.stop();
});

cacheBackendConformance('redis (url)', () => RedisCacheBackend.fromOptions(options({ backend_argument: [`url:redis://${redis.address}/0`] })), { shared: true });
cacheBackendConformance('redis (host, port, db)', () => RedisCacheBackend.fromOptions(options({ backend_argument: [`host:${redis.host}`, `port:${redis.port}`, 'db:2'] })), {
  shared: true,
  ttlSeconds: false,
});

describe('redis settings', () => {
  it('reads dogpile arguments: url (with credentials, db, rediss), host/port/db, sentinels', () => {
    expect(redisSettings(options({ backend_argument: ['url:redis://:s3cret@cache.example:6380/4'] }), false)).toMatchObject({
      host: 'cache.example',
      port: 6380,
      db: 4,
      password: 's3cret',
      username: null,
      tls: null,
    });
    expect(redisSettings(options({ backend_argument: ['url:rediss://ks:pw@[::1]/1'] }), false)).toMatchObject({ host: '::1', port: 6379, db: 1, username: 'ks', password: 'pw' });
    expect(redisSettings(options({ backend_argument: ['url:rediss://h'] }), false).tls).not.toBeNull();
    expect(redisSettings(options({ backend_argument: ['host:h', 'port:7000', 'db:3', 'socket_timeout:0.25'] }), false)).toMatchObject({ host: 'h', port: 7000, db: 3, timeoutMs: 250 });
    expect(redisSettings(options({ backend_argument: ['sentinels:s1:26379,inet6:[::1]:26380', 'service_name:ks'] }), true).sentinel).toEqual({
      sentinels: [
        { host: 's1', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      serviceName: 'ks',
    });
    expect(() => redisSettings(options({}), true)).toThrow(/sentinels/);
    expect(() => redisSettings(options({ backend_argument: ['url:memcached://x'] }), false)).toThrow(/scheme/);
  });

  it('registers dogpile.cache.redis and dogpile.cache.redis_sentinel', () => {
    expect(plugin.drivers!.map((d) => d.name)).toEqual(['dogpile.cache.redis', 'dogpile.cache.redis_sentinel']);
  });
});

describe('redis backend', () => {
  it('selects the configured database', async () => {
    const db5 = RedisCacheBackend.fromOptions(options({ backend_argument: [`url:redis://${redis.address}/5`] }));
    const db0 = RedisCacheBackend.fromOptions(options({ backend_argument: [`url:redis://${redis.address}`] }));
    await db5.set('ks:db', 'five', 60);
    expect(await db0.getMany(['ks:db'])).toEqual([undefined]);
    expect(await db5.getMany(['ks:db'])).toEqual(['five']);
    await Promise.all([db5.close(), db0.close()]);
  });

  it('authenticates with the password of the url, and fails every call with a wrong one', async () => {
    const server = await CacheServer.start('redis');
    const admin = new RespConnection(server.host, server.port, 1000, null);
    try {
      await admin.command(['CONFIG', 'SET', 'requirepass', 'p@ss']);
      const good = RedisCacheBackend.fromOptions(options({ backend_argument: [`url:redis://:${encodeURIComponent('p@ss')}@${server.address}`] }));
      await good.set('ks:auth', 'ok', 60);
      expect(await good.getMany(['ks:auth'])).toEqual(['ok']);
      const bad = RedisCacheBackend.fromOptions(options({ backend_argument: [`url:redis://:nope@${server.address}`] }));
      await expect(bad.getMany(['ks:auth'])).rejects.toThrow(/WRONGPASS|invalid/i);
      await Promise.all([good.close(), bad.close()]);
    } finally {
      admin.close();
      await server.stop();
    }
  });

  it('fails fast while the server is down, reconnects after a restart; a paused server times out', async () => {
    const server = await CacheServer.start('redis');
    const b = RedisCacheBackend.fromOptions(options({ backend_argument: [`url:redis://${server.address}`, 'socket_timeout:0.2'] }));
    try {
      await b.set('ks:r', 'before', 0);
      await server.pause();
      const t0 = Date.now();
      await expect(b.getMany(['ks:r'])).rejects.toThrow(/did not answer/);
      expect(Date.now() - t0).toBeLessThan(1000);
      server.resume();
      expect(await b.getMany(['ks:r'])).toEqual(['before']);
      await server.kill();
      const t1 = Date.now();
      await expect(b.getMany(['ks:r'])).rejects.toThrow();
      expect(Date.now() - t1).toBeLessThan(200);
      await server.restart();
      expect(await b.getMany(['ks:r'])).toEqual([undefined]);
    } finally {
      await b.close();
      await server.stop();
    }
  });

  it('finds the master through a sentinel (dogpile.cache.redis_sentinel)', async () => {
    const sentinelPort = await freePort();
    const conf = join(redis.dir, 'sentinel.conf');
    writeFileSync(conf, `port ${sentinelPort}\nbind 127.0.0.1\nsentinel monitor ksmaster ${redis.host} ${redis.port} 1\n`);
    const sentinel: ChildProcess = spawn('/usr/bin/redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
    try {
      const b = RedisCacheBackend.fromOptions(options({ backend: 'dogpile.cache.redis_sentinel', backend_argument: [`sentinels:127.0.0.1:1,127.0.0.1:${sentinelPort}`, 'service_name:ksmaster'] }), true);
      let got: (string | undefined)[] = [];
      for (let i = 0; i < 50 && got[0] !== 'via-sentinel'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        try {
          await b.set('ks:sentinel', 'via-sentinel', 60);
          got = await b.getMany(['ks:sentinel']);
        } catch {
          // the sentinel is still starting
        }
      }
      expect(got).toEqual(['via-sentinel']);
      await b.close();
    } finally {
      sentinel.kill('SIGKILL');
    }
  });
});

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
