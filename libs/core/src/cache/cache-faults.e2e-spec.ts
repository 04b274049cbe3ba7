import { MemcachedCacheBackend } from '@keystone-ts/plugin-cache-memcached';
import { RedisCacheBackend } from '@keystone-ts/plugin-cache-redis';
import type { CacheBackend } from '@keystone-ts/plugin-sdk';
import { startTestServer, type TestServer } from '../../../../test/support/e2e-server';
import { CacheRegions } from './cache-regions';
import { CacheServer } from './testing/cache-servers';
import { wireCacheIntoTestServer } from './testing/cache-wiring';

wireCacheIntoTestServer();

// Tight deadlines so the test is quick; production defaults are 0.1 s / 3 / 2 s.
const GUARD = 'operation_timeout = 0.05\nfailure_threshold = 3\nfailure_cooldown = 0.2\n';

const KINDS = [
  {
    kind: 'memcached' as const,
    conf: (s: CacheServer) => `[cache]\nbackend = oslo_cache.memcache_pool\nmemcache_servers = ${s.address}\nmemcache_socket_timeout = 0.3\n${GUARD}`,
    raw: (s: CacheServer): CacheBackend =>
      MemcachedCacheBackend.fromOptions({ memcache_servers: [s.address], backend_argument: [], memcache_socket_timeout: 1 } as never),
  },
  {
    kind: 'redis' as const,
    conf: (s: CacheServer) => `[cache]\nbackend = dogpile.cache.redis\nbackend_argument = url:redis://${s.address}/0\nbackend_argument = socket_timeout:0.3\n${GUARD}`,
    raw: (s: CacheServer): CacheBackend => RedisCacheBackend.fromOptions({ backend_argument: [`url:redis://${s.address}/0`], memcache_socket_timeout: 1 } as never),
  },
];

/** Bounded load: `workers` loops validating a token until stopped or `max` requests are done. */
function startLoad(server: TestServer, token: string, workers = 6, max = 20_000) {
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  let stop = false;
  const loops = Array.from({ length: workers }, async () => {
    while (!stop && latencies.length < max) {
      const t0 = performance.now();
      const res = await server.request({ method: 'GET', url: '/v3/auth/tokens?nocatalog', headers: { 'x-auth-token': token, 'x-subject-token': token } });
      latencies.push(performance.now() - t0);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      await new Promise((r) => setImmediate(r));
    }
  });
  return {
    async finish() {
      stop = true;
      await Promise.all(loops);
      const sorted = [...latencies].sort((a, b) => a - b);
      return { statuses: Object.fromEntries(statuses), count: sorted.length, p99: sorted[Math.floor(sorted.length * 0.99)], max: sorted[sorted.length - 1] };
    },
  };
}

async function until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(KINDS)('a $kind cache that dies, restarts and freezes under load', ({ kind, conf, raw }) => {
  let cache: CacheServer;
  let server: TestServer;

  beforeAll(async () => {
    cache = await CacheServer.start(kind);
    server = await startTestServer({ extraConfig: conf(cache) });
  });
  afterAll(async () => {
    await server?.close();
    await cache?.stop();
  });

  const validate = (t: string) => server.request({ method: 'GET', url: '/v3/auth/tokens?nocatalog', headers: { 'x-auth-token': server.adminToken, 'x-subject-token': t } });
  const revoke = (t: string) => server.request({ method: 'DELETE', url: '/v3/auth/tokens', headers: { 'x-auth-token': server.adminToken, 'x-subject-token': t } });

  it('every request succeeds, and tokens revoked during the outages are refused afterwards', async () => {
    const regions = server.app.get(CacheRegions);
    const [loadToken, killed, frozen] = await Promise.all([1, 2, 3].map(() => server.token('admin', server.adminPassword, 'admin')));
    for (const t of [killed, frozen, killed, frozen]) expect((await validate(t)).statusCode).toBe(200);
    const load = startLoad(server, loadToken);
    await new Promise((r) => setTimeout(r, 200));

    // 1. The cache server dies (its data with it); a token is revoked meanwhile.
    await cache.kill();
    expect((await revoke(killed)).statusCode).toBe(204);
    expect((await validate(killed)).statusCode).toBe(404);
    await new Promise((r) => setTimeout(r, 300));
    await cache.restart();
    await until('recovery after the restart', () => regions.health().state === 'closed');
    expect((await validate(killed)).statusCode).toBe(404);

    // 2. The server freezes (SIGSTOP): connections hang, and its data, including the cached
    //    validation of `frozen`, survives. The revocation's generation bump cannot be written.
    for (let i = 0; i < 2; i++) expect((await validate(frozen)).statusCode).toBe(200);
    const probe = raw(cache);
    const [genBefore] = await probe.getMany(['ks:cache.oslo:g:revoke']);
    expect(genBefore).toBeDefined();
    await cache.pause();
    expect((await revoke(frozen)).statusCode).toBe(204);
    expect(regions.health().dirty).toContain('revoke');
    expect((await validate(frozen)).statusCode).toBe(404);
    await new Promise((r) => setTimeout(r, 300));
    cache.resume();
    await until('recovery after the freeze', () => regions.health().state === 'closed');
    // The old generation (and the stale "valid" entry under it) was still on the server; the
    // owed bump replaced the generation before the cache was trusted again.
    const [genAfter] = await probe.getMany(['ks:cache.oslo:g:revoke']);
    expect(genAfter).toBeDefined();
    expect(genAfter).not.toBe(genBefore);
    expect((await validate(frozen)).statusCode).toBe(404);
    await probe.close();

    // 3. Caching works again: the load token is served from the cache.
    const hitsBefore = regions.health().stats.token?.hits ?? 0;
    await new Promise((r) => setTimeout(r, 200));
    const result = await load.finish();
    expect(regions.health().stats.token?.hits ?? 0).toBeGreaterThan(hitsBefore);
    expect(result.statuses).toEqual({ 200: result.count });
    expect(result.count).toBeGreaterThan(100);
    // Every request is bounded by a few cache deadlines, never by the outage.
    expect(result.max).toBeLessThan(2000);
    process.stdout.write(`[${kind}] ${result.count} requests under faults, all 200; p99 ${result.p99.toFixed(1)} ms, max ${result.max.toFixed(1)} ms\n`);
  });
});
