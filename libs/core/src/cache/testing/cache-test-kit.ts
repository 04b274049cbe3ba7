import { defineOptionGroup, opt, type CacheBackend } from '@keystone-ts/plugin-sdk';
import { KeystoneConfig } from '../../config/keystone-config';
import { OptionRegistry } from '../../config/option-registry';
import { CORE_OPTION_GROUPS } from '../../config/groups';
import { cacheOptions } from '../cache.options';
import { MemoryCacheBackend } from '../local-cache.backends';

/** Stand-ins for groups other libs own, so core's tests can toggle their caching. */
const tokenLike = ['token', 'revoke', 'resource'].map((name) =>
  defineOptionGroup({ name, options: { caching: opt.bool({ default: true, help: '' }), cache_time: opt.int({ default: null, help: '' }) } }),
);

/** A config with [cache] (and the groups above) from keystone.conf text. */
export function cacheTestConfig(text = ''): KeystoneConfig {
  const r = new OptionRegistry();
  for (const g of CORE_OPTION_GROUPS) r.register(g, '@keystone-ts/core');
  r.register(cacheOptions, '@keystone-ts/core');
  for (const g of tokenLike) r.register(g, 'test');
  return KeystoneConfig.fromText(text, r);
}

export type FaultMode = 'ok' | 'down' | 'hang' | 'slow';

/**
 * A backend shared by several CacheRegions (= several workers or nodes on
 * one cache server), whose availability the test switches. `failWhen`
 * fails only matching calls (e.g. the write of one generation).
 */
export class FaultyBackend implements CacheBackend {
  readonly shared = true;
  mode: FaultMode = 'ok';
  slowMs = 0;
  calls = 0;
  failWhen: ((op: string, key: string) => boolean) | null = null;

  constructor(readonly store = new MemoryCacheBackend()) {}

  getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    return this.run('getMany', keys.join(' '), () => this.store.getMany(keys));
  }
  set(key: string, value: string, ttl: number): Promise<void> {
    return this.run('set', key, () => this.store.set(key, value, ttl));
  }
  add(key: string, value: string, ttl: number): Promise<boolean> {
    return this.run('add', key, () => this.store.add(key, value, ttl));
  }
  delete(key: string): Promise<void> {
    return this.run('delete', key, () => this.store.delete(key));
  }
  async close(): Promise<void> {}

  private async run<T>(op: string, key: string, fn: () => Promise<T>): Promise<T> {
    this.calls++;
    if (this.failWhen?.(op, key)) throw new Error(`injected failure of ${op}`);
    if (this.mode === 'down') throw new Error('ECONNREFUSED (injected)');
    if (this.mode === 'hang') return new Promise<T>(() => undefined);
    if (this.mode === 'slow') await new Promise((r) => setTimeout(r, this.slowMs));
    return fn();
  }
}

/** A loader that counts its calls and returns what `value()` says now (the "database"). */
export function countingLoader<T>(value: () => T, delayMs = 0): { load: () => Promise<T>; calls: () => number } {
  let n = 0;
  return {
    load: async () => {
      n++;
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      return value();
    },
    calls: () => n,
  };
}
