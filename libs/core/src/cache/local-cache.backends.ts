import { defineDriver, Namespaces, type CacheBackend, type DriverDefinition } from '@keystone-ts/plugin-sdk';

/** oslo/dogpile names of "no shared cache". */
export const NULL_BACKEND_NAMES = ['dogpile.cache.null', 'null', 'keystone.common.cache.noop'] as const;
/** oslo/dogpile names of the in-process store. */
export const MEMORY_BACKEND_NAMES = ['dogpile.cache.memory', 'oslo_cache.dict', 'dogpile.cache.memory_pickle'] as const;

export function isNullBackend(name: string): boolean {
  return (NULL_BACKEND_NAMES as readonly string[]).includes(name);
}

/**
 * In-process store for tests and single-process servers. Values are kept as
 * encoded text, so a caller can never mutate a cached object in place (the
 * isolation dogpile's memory backend lacks). Bounded: past `maxEntries` the
 * oldest insertions go first.
 */
export class MemoryCacheBackend implements CacheBackend {
  readonly shared = false;
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    return keys.map((k) => this.read(k));
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: ttlSeconds > 0 ? this.now() + ttlSeconds * 1000 : Infinity });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  async add(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    if (this.read(key) !== undefined) return false;
    await this.set(key, value, ttlSeconds);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private read(key: string): string | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }
}

/**
 * The backends core ships, for core's own plugin (`drivers: [...coreCacheBackendDrivers]`).
 * The null backend is never built (regions simply stay off), but it is
 * registered so that `[cache] backend` names validate like any driver.
 */
export const coreCacheBackendDrivers: readonly DriverDefinition[] = [
  defineDriver<CacheBackend | null>({
    namespace: Namespaces.cacheBackend,
    name: NULL_BACKEND_NAMES[0],
    aliases: NULL_BACKEND_NAMES.slice(1),
    create: () => null,
  }),
  defineDriver<CacheBackend>({
    namespace: Namespaces.cacheBackend,
    name: MEMORY_BACKEND_NAMES[0],
    aliases: MEMORY_BACKEND_NAMES.slice(1),
    create: () => new MemoryCacheBackend(),
  }),
];
