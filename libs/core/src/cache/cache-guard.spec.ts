import { CacheRegions } from './cache-regions';
import { cacheTestConfig, countingLoader, FaultyBackend } from './testing/cache-test-kit';

/** Short deadlines; a cooldown long enough that only explicit probes run in these tests. */
const CONF = '[cache]\nbackend = dogpile.cache.memory\noperation_timeout = 0.05\nfailure_threshold = 3\nfailure_cooldown = 60\n';

const open: CacheRegions[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Failing reads, spread over more than one deadline, until the breaker opens. */
async function failUntilOpen(regions: CacheRegions): Promise<void> {
  for (let i = 0; i < 20 && regions.health().state === 'closed'; i++) {
    expect(await regions.region('resource').getOrSet(['probe', i], async () => 'db')).toBe('db');
    await sleep(20);
  }
  expect(regions.health().state).toBe('open');
}

function cluster() {
  const backend = new FaultyBackend();
  const config = cacheTestConfig(CONF);
  const a = CacheRegions.over(backend, config);
  const b = CacheRegions.over(backend, config);
  open.push(a, b);
  return { backend, a, b };
}

describe('cache faults', () => {
  it('a dead backend costs nothing but the database: loads answer, the breaker opens after the threshold', async () => {
    const { backend, a } = cluster();
    backend.mode = 'down';
    const db = countingLoader(() => 'row');
    for (let i = 0; i < 5; i++) expect(await a.region('identity').getOrSet('k', db.load)).toBe('row');
    expect(db.calls()).toBe(5);
    expect(a.health().state).toBe('open');
    const before = backend.calls;
    await a.region('identity').getOrSet('k', db.load);
    expect(backend.calls).toBe(before); // bypassed: not even tried
  });

  it('a hung backend delays a request by at most the deadline per call', async () => {
    const { backend, a } = cluster();
    await a.region('identity').getOrSet('warm', async () => 1); // generations known
    backend.mode = 'hang';
    const started = Date.now();
    expect(await a.region('identity').getOrSet('k', async () => 'db')).toBe('db');
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('calls timing out together are one event; timeouts that go on for a deadline open the breaker', async () => {
    const { backend, a } = cluster();
    await a.region('identity').getOrSet('warm', async () => 1);
    backend.mode = 'hang';
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => a.region('identity').getOrSet(['k', i], async () => 'db')));
    expect(burst).toEqual(Array(10).fill('db'));
    expect(a.health().state).toBe('closed');
    // (A timeout whose timer ran late is blamed on this process, not charged: retry a few.)
    for (let i = 0; i < 10 && a.health().state === 'closed'; i++) expect(await a.region('identity').getOrSet(['later', i], async () => 'db')).toBe('db');
    expect(a.health().state).toBe('open');
  });

  it('comes back by itself: a probe closes the breaker and caching resumes', async () => {
    const { backend, a } = cluster();
    backend.mode = 'down';
    await failUntilOpen(a);
    expect(a.health().state).toBe('open');
    expect(await a.probe()).toBe(false);
    backend.mode = 'ok';
    expect(await a.probe()).toBe(true);
    const db = countingLoader(() => 'y');
    await a.region('identity').getOrSet('k', db.load);
    await a.region('identity').getOrSet('k', db.load);
    expect(db.calls()).toBe(1);
  });

  it('recovers through the cooldown timer without any request', async () => {
    const backend = new FaultyBackend();
    const a = CacheRegions.over(backend, cacheTestConfig(CONF.replace('failure_cooldown = 60', 'failure_cooldown = 0.05')));
    backend.mode = 'down';
    await failUntilOpen(a);
    backend.mode = 'ok';
    await new Promise((r) => setTimeout(r, 200));
    expect(a.health().state).toBe('closed');
    await a.close();
  });

  it('a revocation whose invalidation is lost is still honoured when the same data survives the outage', async () => {
    const { backend, a, b } = cluster();
    let revoked = false;
    const validate = async () => (revoked ? 'REVOKED' : 'valid');
    // Both workers have the validation cached.
    expect(await a.region('token').getOrSet('tok', validate)).toBe('valid');
    expect(await b.region('token').getOrSet('tok', validate)).toBe('valid');
    // The cache server stops answering (paused, partitioned): the revocation is written
    // to the database, but the generation bump cannot be.
    backend.mode = 'hang';
    revoked = true;
    await a.region('revoke').invalidateAll();
    expect(a.health()).toMatchObject({ state: 'open', dirty: ['revoke'] });
    // The server comes back with its data intact: the stale validation is still in it.
    backend.mode = 'ok';
    // Worker a bypasses the cache until it has re-done the bump...
    expect(await a.region('token').getOrSet('tok', validate)).toBe('REVOKED');
    expect(await a.probe()).toBe(true);
    expect(a.health().dirty).toEqual([]);
    // ...after which nobody, on any worker, sees the stale entry.
    expect(await a.region('token').getOrSet('tok', validate)).toBe('REVOKED');
    expect(await b.region('token').getOrSet('tok', validate)).toBe('REVOKED');
  });

  it('invalidations made while the breaker is open are owed, not forgotten', async () => {
    const { backend, a, b } = cluster();
    let row = 'old';
    await b.region('identity').getOrSet('u', async () => row);
    backend.mode = 'down';
    await failUntilOpen(a);
    expect(a.health().state).toBe('open');
    row = 'new';
    const callsBefore = backend.calls;
    await a.region('identity').invalidate('u'); // not even tried while open...
    expect(backend.calls).toBe(callsBefore);
    expect(a.health().dirty).toEqual(['identity']); // ...but owed
    backend.mode = 'ok';
    expect(await a.probe()).toBe(true);
    expect(await b.region('identity').getOrSet('u', async () => row)).toBe('new');
  });

  it('a failed single-entry invalidation escalates to the whole region', async () => {
    const { backend, a, b } = cluster();
    let row = 'old';
    await b.region('identity').getOrSet('u', async () => row);
    await b.region('identity').getOrSet('other', async () => 'o1');
    backend.failWhen = (op) => op === 'set';
    row = 'new';
    await a.region('identity').invalidate('u');
    backend.failWhen = null;
    expect(await a.probe()).toBe(true);
    expect(await b.region('identity').getOrSet('u', async () => row)).toBe('new');
    expect(await b.region('identity').getOrSet('other', async () => 'o2')).toBe('o2');
  });

  it('a read in flight when the breaker opens is not trusted', async () => {
    const { backend, a } = cluster();
    await a.region('token').getOrSet('tok', async () => 'valid');
    backend.mode = 'slow';
    backend.slowMs = 20;
    const inFlight = a.region('token').getOrSet('tok', async () => 'REVOKED');
    await new Promise((r) => setTimeout(r, 5));
    backend.failWhen = () => true;
    await a.region('revoke').invalidateAll(); // fails → trips → epoch changes
    expect(await inFlight).toBe('REVOKED');
  });

  it('a region marked dirty during a probe stays dirty', async () => {
    const { backend, a } = cluster();
    await a.region('identity').getOrSet('u', async () => 1);
    const [before] = await backend.store.getMany(['ks:cache.oslo:g:identity']);
    backend.mode = 'down';
    await a.region('revoke').invalidateAll();
    backend.mode = 'slow';
    backend.slowMs = 10;
    const probing = a.probe();
    await a.region('identity').invalidateAll(); // arrives while probing: only marked
    expect(await probing).toBe(true);
    expect(a.health().dirty).toEqual([]);
    const [after] = await backend.store.getMany(['ks:cache.oslo:g:identity']);
    expect(after).toBeDefined();
    expect(after).not.toBe(before); // regenerated in a second round
  });
});
