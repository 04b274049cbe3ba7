import type { Logger } from '@keystone-ts/plugin-sdk';
import type { CacheGuard } from './cache-guard';
import type { RegionGenerations } from './region-generations';
import { TOMBSTONE, decodeValue, encodeValue, logicalKey, type CacheKey, type CacheKeys } from './cache-codec';
import type { CacheRegionName } from './cache-region.definitions';

/** What managers use. Loader errors propagate and are never cached. */
export interface CacheRegion {
  readonly name: CacheRegionName;
  /** Reads are cached: [cache] enabled, a shared or memory backend, [<group>] caching on, TTL not 0. */
  readonly active: boolean;
  getOrSet<T>(key: CacheKey, loader: () => Promise<T>, opts?: { shouldCache?: (value: T) => boolean }): Promise<T>;
  /** Drops one entry everywhere; call after the database write, and await it before answering. */
  invalidate(key: CacheKey): Promise<void>;
  /** Drops every entry of the region (and of regions depending on it) everywhere. */
  invalidateAll(): Promise<void>;
}

export interface CacheRegionStats {
  hits: number;
  misses: number;
  bypassed: number;
}

/** Seconds a deleted entry stays marked so that a load begun before the write cannot refill it. */
export const TOMBSTONE_SECONDS = 15;

interface Flight {
  logical: string;
  poisoned: boolean;
  promise: Promise<unknown>;
}

export interface RegionShared {
  guard: CacheGuard;
  generations: RegionGenerations;
  keys: CacheKeys;
  logger: Logger;
  debug: boolean;
  /** The regions whose keys embed this one's generation. */
  dependents(name: CacheRegionName): SharedCacheRegion[];
}

/**
 * A region over the guarded backend. Per key in this process, one load at a
 * time (single-flight), keyed by the full value key so a request never joins
 * a load that began under an older generation. Fills use `add`, so they can
 * never overwrite the tombstone an invalidation left (the classic "read old
 * row, write it back after the delete" race). While the breaker is open,
 * every call goes to the loader with no single-flight at all: a request
 * that arrives after a revocation must not share a load begun before it.
 */
export class SharedCacheRegion implements CacheRegion {
  readonly stats: CacheRegionStats = { hits: 0, misses: 0, bypassed: 0 };
  private readonly flights = new Map<string, Flight>();

  constructor(
    readonly name: CacheRegionName,
    /** Own generation first, then the dependencies'. */
    private readonly generationRegions: readonly CacheRegionName[],
    readonly active: boolean,
    private readonly ttlSeconds: number,
    private readonly shared: RegionShared,
  ) {}

  async getOrSet<T>(key: CacheKey, loader: () => Promise<T>, opts: { shouldCache?: (value: T) => boolean } = {}): Promise<T> {
    if (!this.active) return loader();
    const { guard, generations, keys } = this.shared;
    const epoch = guard.epoch;
    if (!guard.usable) return this.bypass(loader);
    const logical = logicalKey(key);
    const read = await generations.read(this.generationRegions, (g) => keys.value(this.name, g, logical));
    // Unreadable, or the breaker opened meanwhile: whatever came back is not trusted.
    if (!read || guard.epoch !== epoch) return this.bypass(loader);
    if (read.value === TOMBSTONE) return this.bypass(loader);
    const decoded = decodeValue<T>(read.value);
    if (decoded) {
      this.stats.hits++;
      if (this.shared.debug) this.shared.logger.debug(`cache ${this.name} hit ${read.valueKey}`);
      return decoded.value;
    }
    this.stats.misses++;
    if (this.shared.debug) this.shared.logger.debug(`cache ${this.name} miss ${read.valueKey}`);
    const joined = this.flights.get(read.valueKey);
    if (joined && !joined.poisoned) return joined.promise as Promise<T>;
    // An undecodable entry (other release, corruption) is overwritten; otherwise only filled when absent.
    const overwrite = read.value !== undefined;
    const flight: Flight = { logical, poisoned: false, promise: Promise.resolve() };
    flight.promise = (async () => {
      const value = await loader();
      if (!flight.poisoned && guard.usable && guard.epoch === epoch && (opts.shouldCache?.(value) ?? true)) {
        const text = encodeValue(value);
        await guard.attempt<unknown>('fill', (b) => (overwrite ? b.set(read.valueKey, text, this.ttlSeconds) : b.add(read.valueKey, text, this.ttlSeconds)));
      }
      return value;
    })().finally(() => {
      if (this.flights.get(read.valueKey) === flight) this.flights.delete(read.valueKey);
    });
    this.flights.set(read.valueKey, flight);
    return flight.promise as Promise<T>;
  }

  async invalidate(key: CacheKey): Promise<void> {
    if (!this.active) return;
    const logical = logicalKey(key);
    for (const f of this.flights.values()) if (f.logical === logical) f.poisoned = true;
    const { keys } = this.shared;
    const genKeys = this.generationRegions.map((r) => keys.generation(r));
    await this.shared.guard.invalidate(this.name, `invalidate ${this.name} entry`, async (b) => {
      const gens = await b.getMany(genKeys);
      // No generation: nothing can be cached under the one that will be created.
      if (gens.some((g) => g === undefined)) return;
      await b.set(keys.value(this.name, gens as string[], logical), TOMBSTONE, TOMBSTONE_SECONDS);
    });
  }

  async invalidateAll(): Promise<void> {
    this.poisonAll();
    for (const d of this.shared.dependents(this.name)) d.poisonAll();
    await this.shared.generations.bump(this.name);
  }

  /** In-flight loads may predate the invalidation: nobody joins them and they fill nothing. */
  poisonAll(): void {
    for (const f of this.flights.values()) f.poisoned = true;
    this.flights.clear();
  }

  private bypass<T>(loader: () => Promise<T>): Promise<T> {
    this.stats.bypassed++;
    return loader();
  }
}

/** A region that caches nothing ([cache] disabled or the null backend). */
export class DisabledCacheRegion implements CacheRegion {
  readonly active = false;
  constructor(readonly name: CacheRegionName) {}
  getOrSet<T>(_key: CacheKey, loader: () => Promise<T>): Promise<T> {
    return loader();
  }
  async invalidate(): Promise<void> {}
  async invalidateAll(): Promise<void> {}
}
