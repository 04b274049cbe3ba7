import { CacheRegions } from './cache-regions';
import { MemoryCacheBackend } from './local-cache.backends';
import { decodeValue, encodeValue, CacheKeys } from './cache-codec';
import { cacheTestConfig, countingLoader, FaultyBackend } from './testing/cache-test-kit';

const MEMORY = '[cache]\nbackend = dogpile.cache.memory\n';

/** Two "workers" sharing one backend. */
function twoWorkers(conf = MEMORY) {
  const backend = new FaultyBackend();
  const config = cacheTestConfig(conf);
  return { backend, a: CacheRegions.over(backend, config), b: CacheRegions.over(backend, config) };
}

describe('cache codec', () => {
  it('round-trips JSON values with Dates, null and nested arrays', () => {
    const v = { at: new Date(1_700_000_000_123), list: [new Date(5), null, 'x'], n: 1 };
    expect(decodeValue(encodeValue(v))).toEqual({ value: v });
    expect(decodeValue(encodeValue(null))).toEqual({ value: null });
    expect(decodeValue(encodeValue(undefined))).toEqual({ value: null });
  });

  it('keeps hostile keys as data: a __proto__ key stays an own property, a look-alike date tag with company is not a Date', () => {
    const text = '[{"__proto__":{"\\u0000date":5},"x":{"\\u0000date":1,"y":2},"z":{"\\u0000date":7}}]';
    const decoded = decodeValue<Record<string, unknown>>(text)!.value;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(decoded, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')!.value).toEqual(new Date(5));
    expect(decoded.x).toEqual({ '\u0000date': 1, y: 2 });
    expect(decoded.z).toEqual(new Date(7));
  });

  it('treats tombstones and foreign text as misses', () => {
    expect(decodeValue('~')).toBeUndefined();
    expect(decodeValue('{"a":1}')).toBeUndefined();
    expect(decodeValue('[1,')).toBeUndefined();
    expect(decodeValue(undefined)).toBeUndefined();
  });

  it('makes short memcached-safe keys that depend on region, generations and key', () => {
    const k = new CacheKeys('cache.oslo');
    const a = k.value('token', ['g1', 'r1'], 'x'.repeat(5000));
    expect(a).toMatch(/^[A-Za-z0-9._:-]{1,200}$/);
    expect(k.value('token', ['g1', 'r2'], 'x')).not.toBe(k.value('token', ['g1', 'r1'], 'x'));
    expect(k.value('identity', ['g1'], 'x')).not.toBe(k.value('resource', ['g1'], 'x'));
    expect(new CacheKeys('my prefix!').generation('revoke')).toBe('ks:my_prefix_:g:revoke');
  });
});

describe('CacheRegion over a shared backend', () => {
  it('loads once, then serves from the cache (values copied, Dates kept)', async () => {
    const { a } = twoWorkers();
    const db = countingLoader(() => ({ id: 'u1', at: new Date(42) }));
    const r = a.region('identity');
    const first = await r.getOrSet(['user', 'u1'], db.load);
    first.id = 'mutated';
    expect(await r.getOrSet(['user', 'u1'], db.load)).toEqual({ id: 'u1', at: new Date(42) });
    expect(db.calls()).toBe(1);
  });

  it('never caches a failed load', async () => {
    const { a } = twoWorkers();
    let fail = true;
    const load = jest.fn(async () => {
      if (fail) throw new Error('not found');
      return 1;
    });
    await expect(a.region('identity').getOrSet('k', load)).rejects.toThrow('not found');
    fail = false;
    expect(await a.region('identity').getOrSet('k', load)).toBe(1);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('runs one load per key at a time in a process (single-flight)', async () => {
    const { a } = twoWorkers();
    const db = countingLoader(() => 'v', 30);
    const all = await Promise.all(Array.from({ length: 20 }, () => a.region('identity').getOrSet('same', db.load)));
    expect(all).toEqual(Array(20).fill('v'));
    expect(db.calls()).toBe(1);
  });

  it('an entry invalidated by one worker is reloaded by the other', async () => {
    const { a, b } = twoWorkers();
    let row = 'old';
    const db = countingLoader(() => row);
    expect(await b.region('identity').getOrSet('u', db.load)).toBe('old');
    row = 'new';
    await a.region('identity').invalidate('u');
    expect(await b.region('identity').getOrSet('u', db.load)).toBe('new');
    expect(db.calls()).toBe(2);
  });

  it('a region invalidated by one worker is reloaded by the other, dependents included', async () => {
    const { a, b } = twoWorkers();
    let version = 1;
    const db = countingLoader(() => version);
    await b.region('token').getOrSet('t1', db.load);
    await b.region('revoke').getOrSet('events', db.load);
    version = 2;
    await a.region('revoke').invalidateAll();
    // token keys embed the revoke generation: a new revocation drops every cached validation.
    expect(await b.region('token').getOrSet('t1', db.load)).toBe(2);
    expect(await b.region('revoke').getOrSet('events', db.load)).toBe(2);
  });

  it('a request arriving after a local invalidation does not join a load begun before it', async () => {
    const { b } = twoWorkers();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const early = b.region('identity').getOrSet('u', async () => {
      await gate;
      return 'old';
    });
    await new Promise((r) => setTimeout(r, 5));
    await b.region('identity').invalidate('u');
    const late = b.region('identity').getOrSet('u', async () => 'new');
    release();
    expect(await early).toBe('old');
    expect(await late).toBe('new');
  });

  it('never lets a stale in-flight load fill the cache after an invalidation', async () => {
    const { a, b } = twoWorkers();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const stale = b.region('identity').getOrSet('u', async () => {
      await gate;
      return 'old';
    });
    await new Promise((r) => setTimeout(r, 5));
    await a.region('identity').invalidate('u');
    release();
    expect(await stale).toBe('old'); // that request was concurrent with the write
    expect(await a.region('identity').getOrSet('u', async () => 'new')).toBe('new');
    expect(await b.region('identity').getOrSet('u', async () => 'new')).toBe('new');
  });

  it('a lost generation (eviction, restart) means a new random one: old entries never come back', async () => {
    const { a, backend } = twoWorkers();
    await a.region('identity').getOrSet('u', async () => 'cached');
    await backend.store.delete('ks:cache.oslo:g:identity');
    expect(await a.region('identity').getOrSet('u', async () => 'reloaded')).toBe('reloaded');
  });

  it('expires entries after the group cache_time', async () => {
    let now = 1_000_000;
    const store = new MemoryCacheBackend(1000, () => now);
    const regions = CacheRegions.over(store, cacheTestConfig(`${MEMORY}[resource]\ncache_time = 5\n`));
    const db = countingLoader(() => 'p');
    await regions.region('resource').getOrSet('p', db.load);
    now += 4000;
    await regions.region('resource').getOrSet('p', db.load);
    expect(db.calls()).toBe(1);
    now += 2000;
    await regions.region('resource').getOrSet('p', db.load);
    expect(db.calls()).toBe(2);
  });

  it('honours [<group>] caching = false and cache_time = 0, and keeps invalidating dependents', async () => {
    const { a } = twoWorkers(`${MEMORY}[revoke]\ncaching = false\n[resource]\ncache_time = 0\n`);
    expect(a.region('revoke').active).toBe(false);
    expect(a.region('resource').active).toBe(false);
    expect(a.region('token').active).toBe(true);
    let v = 1;
    await a.region('token').getOrSet('t', async () => v);
    v = 2;
    await a.region('revoke').invalidateAll();
    expect(await a.region('token').getOrSet('t', async () => v)).toBe(2);
  });

  it('is a pass-through with [cache] enabled = false or the null backend', async () => {
    const fake = { config: cacheTestConfig('[cache]\nenabled = false\nbackend = dogpile.cache.memory\n') } as never;
    for (const deps of [fake, { config: cacheTestConfig('') } as never]) {
      const regions = await CacheRegions.create(deps);
      expect(regions.enabled).toBe(false);
      const db = countingLoader(() => 1);
      await regions.region('identity').getOrSet('k', db.load);
      await regions.region('identity').getOrSet('k', db.load);
      expect(db.calls()).toBe(2);
      await regions.region('identity').invalidateAll();
    }
  });
});
