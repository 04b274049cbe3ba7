import { ConfigurationError, Namespaces, type CacheBackend, type Logger } from '@keystone-ts/plugin-sdk';
import type { KeystoneConfig } from '../config/keystone-config';
import type { DriverFactory } from '../plugins/driver-factory';
import type { PluginRegistry } from '../plugins/plugin-registry';
import { getLogger } from '../logging/logger';
import { CacheGuard, type CacheGuardState } from './cache-guard';
import { CacheKeys } from './cache-codec';
import { RegionGenerations } from './region-generations';
import { DisabledCacheRegion, SharedCacheRegion, type CacheRegion, type CacheRegionStats } from './cache-region';
import { CACHE_REGIONS, dependentsOf, generationsOf, type CacheRegionName } from './cache-region.definitions';
import { MEMORY_BACKEND_NAMES, MemoryCacheBackend, isNullBackend } from './local-cache.backends';

export interface CacheRegionsDeps {
  config: KeystoneConfig;
  registry: PluginRegistry;
  drivers: DriverFactory;
}

/**
 * The cache regions of this process over one backend (Nest provider; see
 * CacheModule). Built from `[cache]`; with caching disabled, the null
 * backend, or no `[cache]` options registered, every region is a
 * pass-through and invalidations are no-ops.
 */
export class CacheRegions {
  private readonly regions = new Map<CacheRegionName, CacheRegion>();

  private constructor(
    private readonly config: KeystoneConfig | null,
    private readonly guard: CacheGuard | null,
    private readonly generations: RegionGenerations | null,
    private readonly keys: CacheKeys | null,
    readonly backendName: string,
    private readonly logger: Logger,
  ) {}

  static async create(deps: CacheRegionsDeps, logger: Logger = getLogger('keystone.cache')): Promise<CacheRegions> {
    const { config } = deps;
    if (!config.registry.get('cache', 'backend')) {
      logger.warn('[cache] options are not registered in this server; caching is off');
      return CacheRegions.disabled();
    }
    const name = config.get<string>('cache', 'backend');
    if (!config.get<boolean>('cache', 'enabled') || isNullBackend(name)) return CacheRegions.disabled(name);
    const backend = await buildBackend(deps, name);
    if (!backend) return CacheRegions.disabled(name);
    return CacheRegions.over(backend, config, name, logger);
  }

  /** Regions over a given backend (tests, and `create`). */
  static over(backend: CacheBackend, config: KeystoneConfig, name = 'custom', logger: Logger = getLogger('keystone.cache')): CacheRegions {
    const guard = new CacheGuard(backend, {
      timeoutMs: Math.max(1, Math.round(config.get<number>('cache', 'operation_timeout') * 1000)),
      failureThreshold: config.get<number>('cache', 'failure_threshold'),
      cooldownMs: Math.max(10, Math.round(config.get<number>('cache', 'failure_cooldown') * 1000)),
      logger,
    });
    const keys = new CacheKeys(config.get<string>('cache', 'config_prefix') ?? '');
    return new CacheRegions(config, guard, new RegionGenerations(guard, keys), keys, name, logger);
  }

  static disabled(backendName = 'dogpile.cache.null'): CacheRegions {
    return new CacheRegions(null, null, null, null, backendName, getLogger('keystone.cache'));
  }

  /** Whether a shared (memcached/Redis) or in-process backend is in use. */
  get enabled(): boolean {
    return this.guard !== null;
  }

  /** False for the in-process store: more than one worker must then be refused. */
  get shared(): boolean {
    return this.guard?.backend.shared ?? true;
  }

  region(name: CacheRegionName): CacheRegion {
    let r = this.regions.get(name);
    if (!r) {
      r = this.build(name);
      this.regions.set(name, r);
    }
    return r;
  }

  /** Breaker state and dirty regions, for health checks and tests. */
  health(): { backend: string; state: CacheGuardState | 'disabled'; dirty: string[]; stats: Partial<Record<CacheRegionName, CacheRegionStats>> } {
    const stats: Partial<Record<CacheRegionName, CacheRegionStats>> = {};
    for (const [n, r] of this.regions) if (r instanceof SharedCacheRegion) stats[n] = { ...r.stats };
    return { backend: this.backendName, state: this.guard?.state ?? 'disabled', dirty: this.guard?.dirty ?? [], stats };
  }

  /** Runs a health probe now instead of waiting for the cooldown (tests). */
  probe(): Promise<boolean> {
    return this.guard ? this.guard.probe() : Promise.resolve(false);
  }

  async close(): Promise<void> {
    this.guard?.stop();
    await this.guard?.backend.close().catch(() => undefined);
  }

  private build(name: CacheRegionName): CacheRegion {
    const { config, guard, generations, keys } = this;
    if (!config || !guard || !generations || !keys) return new DisabledCacheRegion(name);
    const group = CACHE_REGIONS[name].group;
    const caching = config.registry.get(group, 'caching') ? config.get<boolean | null>(group, 'caching') !== false : true;
    const own = config.registry.get(group, 'cache_time') ? config.get<number | null>(group, 'cache_time') : null;
    const ttl = own ?? config.get<number>('cache', 'expiration_time');
    // dogpile: 0 expires everything at once (nothing cached); a negative TTL never expires.
    const active = caching && ttl !== 0;
    return new SharedCacheRegion(name, generationsOf(name), active, ttl < 0 ? 0 : ttl, {
      guard,
      generations,
      keys,
      logger: this.logger,
      debug: config.get<boolean>('cache', 'debug_cache_backend'),
      dependents: (n) => dependentsOf(n).map((d) => this.region(d)).filter((r): r is SharedCacheRegion => r instanceof SharedCacheRegion),
    });
  }
}

async function buildBackend(deps: CacheRegionsDeps, name: string): Promise<CacheBackend | null> {
  if (deps.registry.hasDriver(Namespaces.cacheBackend, name)) {
    return deps.drivers.createDriver<CacheBackend | null>(Namespaces.cacheBackend, name, deps.config);
  }
  // Core's own store works even where core's drivers are not registered (yet).
  if ((MEMORY_BACKEND_NAMES as readonly string[]).includes(name)) return new MemoryCacheBackend();
  const installed = deps.registry.driverNames(Namespaces.cacheBackend);
  throw new ConfigurationError(
    `[cache] backend = '${name}': unable to find it in '${Namespaces.cacheBackend}' (installed: ${installed.join(', ') || 'none'}; ` +
      `dogpile.cache.null and dogpile.cache.memory are built in)`,
  );
}
