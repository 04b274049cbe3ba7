import { ConfigurationError, type Logger } from '@keystone-ts/plugin-sdk';
import type { KeystoneConfig } from '../config/keystone-config';
import { DOMAIN_OVERLAY_GROUPS, type DomainConfigSource } from './domain-config-source';

interface Built<D> {
  /** null: the domain has no own configuration and uses the default driver. */
  driver: D | null;
  fingerprint: string;
  checkedAt: number;
  /** Where the configuration came from (file name), for messages. */
  origin: string;
}

export interface ResolverOptions<D> {
  config: KeystoneConfig;
  /** `[identity] domain_specific_drivers_enabled` */
  enabled: boolean;
  source: DomainConfigSource | null;
  /** Builds the driver the given (possibly overlaid) config selects. */
  build(config: KeystoneConfig, domainId: string | null): Promise<D>;
  isSql(driver: D): boolean;
  logger: Logger;
  /** How long a domain's fingerprint is trusted before the source is asked again. */
  recheckMs?: number;
  now?: () => number;
}

/**
 * Chooses the identity driver for a domain: the domain's own (from its
 * overlay config) or the default one. Domain drivers are built once,
 * single-flight, and rebuilt when their configuration's fingerprint changes.
 * The domain is an argument, never request state, so no Nest REQUEST scope.
 */
export class DomainDriverResolver<D extends { destroy?(): Promise<void> }> {
  private defaultDriver: D | null = null;
  private readonly built = new Map<string, Built<D>>();
  private readonly inflight = new Map<string, Promise<D>>();
  private readonly recheckMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: ResolverOptions<D>) {
    this.recheckMs = opts.recheckMs ?? 1000;
    this.now = opts.now ?? Date.now;
  }

  /** Builds the default driver and every configured domain's, so bad options fail the start. */
  async init(): Promise<void> {
    this.defaultDriver = await this.opts.build(this.opts.config, null);
    if (!this.opts.enabled || !this.opts.source) return;
    // Each build checks the one-SQL-driver rule, so a second SQL driver fails here.
    for (const { domainId } of await this.opts.source.listConfigured()) {
      await this.forDomain(domainId);
    }
  }

  get default(): D {
    if (!this.defaultDriver) throw new Error('DomainDriverResolver used before init()');
    return this.defaultDriver;
  }

  isDefault(driver: D): boolean {
    return driver === this.defaultDriver;
  }

  /** The driver serving `domainId` (null: the default driver). */
  async forDomain(domainId: string | null): Promise<D> {
    if (domainId === null || !this.opts.enabled || !this.opts.source) return this.default;
    const cached = this.built.get(domainId);
    if (cached && this.now() - cached.checkedAt < this.recheckMs) return cached.driver ?? this.default;
    const pending = this.inflight.get(domainId);
    if (pending) return pending;
    const p = this.refresh(domainId, cached ?? null).finally(() => this.inflight.delete(domainId));
    this.inflight.set(domainId, p);
    return p;
  }

  /** Forget a domain's driver (its configuration was changed or deleted). */
  async invalidate(domainId: string): Promise<void> {
    const cached = this.built.get(domainId);
    this.built.delete(domainId);
    await cached?.driver?.destroy?.();
  }

  async destroy(): Promise<void> {
    for (const b of this.built.values()) await b.driver?.destroy?.();
    await this.defaultDriver?.destroy?.();
    this.built.clear();
  }

  private async refresh(domainId: string, cached: Built<D> | null): Promise<D> {
    const loaded = await this.opts.source!.load(domainId);
    if (!loaded) {
      await cached?.driver?.destroy?.();
      this.built.set(domainId, { driver: null, fingerprint: '', checkedAt: this.now(), origin: '' });
      return this.default;
    }
    if (cached?.driver && cached.fingerprint === loaded.fingerprint) {
      cached.checkedAt = this.now();
      return cached.driver;
    }
    const overlay = this.opts.config.withOverlay(loaded.sections, DOMAIN_OVERLAY_GROUPS);
    let driver: D;
    try {
      overlay.validateAll();
      driver = await this.opts.build(overlay, domainId);
    } catch (e) {
      throw new ConfigurationError(`Domain-specific configuration ${loaded.origin}: ${(e as Error).message}`);
    }
    if (this.opts.isSql(driver)) {
      const others = this.sqlOwners(domainId);
      if (others.length) {
        await driver.destroy?.();
        throw new ConfigurationError(
          `More than one SQL identity driver is configured (only one is permitted): ${[...others, loaded.origin].join(', ')}`,
        );
      }
    }
    if (cached?.driver) {
      this.opts.logger.info(`Configuration of domain ${domainId} changed (${loaded.origin}); identity driver replaced`);
      await cached.driver.destroy?.();
    }
    this.built.set(domainId, { driver, fingerprint: loaded.fingerprint, checkedAt: this.now(), origin: loaded.origin });
    return driver;
  }

  /** Who already uses an SQL identity driver, other than `domainId` (Keystone allows one: the default or one domain). */
  private sqlOwners(domainId: string): string[] {
    const owners = this.defaultDriver && this.opts.isSql(this.defaultDriver) ? ['the default [identity] driver'] : [];
    for (const [id, b] of this.built) {
      if (id !== domainId && b.driver && this.opts.isSql(b.driver)) owners.push(b.origin);
    }
    return owners;
  }
}
