import { availableParallelism } from 'node:os';
import { CORE_OPTION_GROUPS, cacheOptions, KeystoneConfig, OptionRegistry, checkWorkerSafety, findProcessLocalState, workerCount } from '@keystone-ts/core';
import { tokenOptionGroups } from '@keystone-ts/token';

/** The check keystone-all runs before forking: no process-local shared store with more than one worker. */
function config(text: string, extraGroups: (typeof cacheOptions)[] = []): KeystoneConfig {
  const registry = new OptionRegistry();
  for (const g of [...CORE_OPTION_GROUPS, ...tokenOptionGroups, ...extraGroups]) registry.register(g, 'test');
  return KeystoneConfig.fromText(text, registry, '/etc/keystone/keystone.conf');
}

describe('workerCount', () => {
  it('defaults to one worker per CPU', () => {
    expect(workerCount(config(''))).toBe(availableParallelism());
  });

  it('takes the larger of public_workers and admin_workers (the same workers serve both ports)', () => {
    expect(workerCount(config('[eventlet_server]\npublic_workers = 2\nadmin_workers = 3'))).toBe(3);
    expect(workerCount(config('[eventlet_server]\nadmin_workers = 4'))).toBe(4);
    expect(workerCount(config('[eventlet_server]\npublic_workers = 1'))).toBe(1);
  });
});

describe('findProcessLocalState', () => {
  const memoryCache = '[cache]\nenabled = true\nbackend = dogpile.cache.memory';

  it('refuses a process-local cache backend with 2 workers, naming the option, file and line, the reason and the fix', () => {
    const problem = findProcessLocalState(config(memoryCache), 2);
    expect(problem).toBe(
      "/etc/keystone/keystone.conf:3: [cache] backend = dogpile.cache.memory is process-local and cannot be shared by 2 workers (each would keep its own cache and miss the others' invalidations); " +
        'use a shared backend (dogpile.cache.pymemcache, oslo_cache.memcache_pool, dogpile.cache.redis) or set [eventlet_server] public_workers = 1',
    );
    expect(() => checkWorkerSafety(config(memoryCache), 2)).toThrow(expect.objectContaining({ name: 'ConfigurationError', message: problem }));
  });

  it.each(['oslo_cache.dict', 'dogpile.cache.memory_pickle'])('refuses %s too', (backend) => {
    expect(findProcessLocalState(config(`[cache]\nenabled = True\nbackend = ${backend}`), 4)).toMatch(`[cache] backend = ${backend} is process-local`);
  });

  it('accepts it with one worker, when caching is off, and a shared backend; unset enabled means on', () => {
    expect(findProcessLocalState(config(memoryCache), 1)).toBeNull();
    expect(findProcessLocalState(config('[cache]\nenabled = false\nbackend = dogpile.cache.memory'), 2)).toBeNull();
    // keystone-ts's [cache] enabled defaults to true (oslo.cache's to false), registered or not.
    expect(findProcessLocalState(config('[cache]\nbackend = dogpile.cache.memory'), 2)).toMatch(/process-local/);
    expect(findProcessLocalState(config('[cache]\nenabled = true\nbackend = dogpile.cache.pymemcache'), 2)).toBeNull();
  });

  it('reads [cache] typed, with its owner\'s defaults, once the cache layer registers the group', () => {
    expect(findProcessLocalState(config(memoryCache, [cacheOptions]), 2)).toMatch(/^\/etc\/keystone\/keystone.conf:3: \[cache\] backend = dogpile.cache.memory/);
    expect(findProcessLocalState(config('[cache]\nenabled = yes\nbackend = oslo_cache.dict', [cacheOptions]), 2)).not.toBeNull();
    // keystone-ts's [cache] enabled defaults to true.
    expect(findProcessLocalState(config('[cache]\nbackend = oslo_cache.dict', [cacheOptions]), 2)).toMatch(/\[cache\] backend = oslo_cache.dict is process-local/);
    expect(findProcessLocalState(config('[cache]\nenabled = false\nbackend = oslo_cache.dict', [cacheOptions]), 2)).toBeNull();
    expect(findProcessLocalState(config('', [cacheOptions]), 2)).toBeNull();
  });

  it.each(['kvs', 'memory', 'keystone.token.persistence.backends.kvs.Token'])('refuses [token] driver = %s with 2 workers', (driver) => {
    const problem = findProcessLocalState(config(`[token]\ndriver = ${driver}`), 2);
    expect(problem).toMatch(`/etc/keystone/keystone.conf:2: [token] driver = ${driver} keeps tokens in one process's memory`);
    expect(problem).toMatch(/use \[token\] driver = sql \(or memcache\) or set \[eventlet_server\] public_workers = 1$/);
  });

  it('accepts the shared token persistence drivers', () => {
    for (const driver of ['sql', 'keystone.token.persistence.backends.sql.Token', 'keystone.token.persistence.backends.memcache.Token']) {
      expect(findProcessLocalState(config(`[token]\ndriver = ${driver}`), 8)).toBeNull();
    }
    expect(findProcessLocalState(config(''), 8)).toBeNull();
  });
});
