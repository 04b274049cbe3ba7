import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  KEYSTONE_RUNTIME,
  domainConfigChanges,
  type DomainConfigApi,
  type DomainConfigDict,
  type KeystoneRuntime,
  ProviderApis,
} from '@keystone-ts/core';
import { Namespaces, type DomainConfigDriver, type DomainConfigEntry } from '@keystone-ts/plugin-sdk';
import { DomainOptionCatalog } from './domain-option-catalog';
import {
  assertUpdateMatchesPath,
  assertValidConfig,
  assertValidGroupAndOption,
  domainConfigNotFound,
  invalidDomainConfig,
  listToConfig,
} from './domain-config-rules';

const SECURITY_COMPLIANCE_READABLE = ['password_regex', 'password_regex_description'];

/**
 * Keystone's DomainConfigManager: per-domain `[identity]`/`[ldap]` options,
 * whitelisted ones shown back, sensitive ones never. Every write tells this
 * worker's identity resolver at once (domainConfigChanges); other workers
 * see it at their next fingerprint recheck.
 */
@Injectable()
export class DomainConfigManager implements DomainConfigApi, OnModuleInit {
  private driver!: DomainConfigDriver;
  readonly catalog: DomainOptionCatalog;

  constructor(
    @Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime,
    apis: ProviderApis,
  ) {
    this.catalog = new DomainOptionCatalog(runtime.config);
    apis.register('domainConfig', this);
  }

  async onModuleInit(): Promise<void> {
    const cfg = this.runtime.config;
    this.driver = await this.runtime.drivers.createDriver<DomainConfigDriver>(Namespaces.resourceDomainConfig, cfg.get('domain_config', 'driver'), cfg);
  }

  /** Replaces the configuration; no Conflict when one exists (the API answers 200 rather than 201 then). */
  async createConfig(domainId: string, config: unknown): Promise<DomainConfigDict> {
    assertValidConfig(this.catalog, config);
    await this.driver.createConfigOptions(domainId, this.toEntries(config));
    await this.changed(domainId);
    return listToConfig(await this.driver.listConfigOptions(domainId)) as DomainConfigDict;
  }

  /** Whitelisted options only. @throws NotFound when nothing matches */
  async getConfig(domainId: string, group?: string | null, option?: string | null): Promise<Record<string, unknown>> {
    assertValidGroupAndOption(this.catalog, group, option);
    const whitelisted = await this.driver.listConfigOptions(domainId, group, option);
    if (whitelisted.length) return listToConfig(whitelisted, option);
    throw domainConfigNotFound(domainId, group, option);
  }

  /** The password rules any user may read, for the default domain only (they are not per domain yet). */
  getSecurityComplianceConfig(domainId: string, group: string, option?: string | null): Record<string, unknown> {
    if (domainId !== this.runtime.config.get<string>('identity', 'default_domain_id')) {
      throw invalidDomainConfig('Reading security compliance information for any domain other than the default domain is not allowed or supported');
    }
    if (option && !SECURITY_COMPLIANCE_READABLE.includes(option)) {
      throw invalidDomainConfig('Reading security compliance values other than password_regex and password_regex_description is not allowed');
    }
    const options = option ? [option] : SECURITY_COMPLIANCE_READABLE;
    return listToConfig(options.map((o) => ({ group, option: o, value: this.confValue(group, o) })), option);
  }

  /** Merges into the stored configuration; a group/option route updates only what exists. */
  async updateConfig(domainId: string, config: unknown, group?: string | null, option?: string | null): Promise<Record<string, unknown>> {
    // On an option route the body is `{option: value}`, the group implied by the path.
    const update = group && option ? { [group]: config } : config;
    assertValidConfig(this.catalog, update);
    assertValidGroupAndOption(this.catalog, group, option);
    assertUpdateMatchesPath(update, group, option);
    if (group) {
      const existing = await this.withSensitive(domainId, group, option);
      if (Object.keys(existing).length === 0) throw domainConfigNotFound(domainId, group, option);
    }
    await this.driver.updateConfigOptions(domainId, this.toEntries(update));
    await this.changed(domainId);
    // As Keystone: a configuration of sensitive options only answers 404 here.
    return this.getConfig(domainId);
  }

  async deleteConfig(domainId: string, group?: string | null, option?: string | null): Promise<void> {
    assertValidGroupAndOption(this.catalog, group, option);
    if (group) {
      const current = (await this.withSensitive(domainId))[group];
      if (!current || Object.keys(current).length === 0) throw domainConfigNotFound(domainId, group);
      // Keystone tests the value's truth here (so a stored 0 or '' cannot be deleted alone); presence is what is meant.
      if (option && !(option in current)) throw domainConfigNotFound(domainId, group, option);
    }
    await this.driver.deleteConfigOptions(domainId, group, option);
    // The domain falls back to the default driver: its claim on the one SQL driver goes too (Keystone keeps it).
    if (!group) await this.driver.releaseRegistration(domainId);
    await this.changed(domainId);
  }

  async getConfigWithSensitiveInfo(domainId: string): Promise<DomainConfigDict> {
    return this.withSensitive(domainId);
  }

  async deleteDomainData(domainId: string): Promise<void> {
    await this.driver.deleteConfigOptions(domainId);
    await this.driver.releaseRegistration(domainId);
    await this.changed(domainId);
  }

  /** What keystone.conf gives the whitelisted options (the sensitive ones are never shown). */
  getConfigDefault(group?: string | null, option?: string | null): Record<string, unknown> {
    assertValidGroupAndOption(this.catalog, group, option);
    const pairs: [string, string][] = [];
    if (group && option) {
      if (!this.catalog.isWhitelisted(group, option)) {
        throw invalidDomainConfig(`Reading the default for option ${option} in group ${group} is not supported`);
      }
      pairs.push([group, option]);
    } else {
      for (const g of group ? [group] : this.catalog.whitelistedGroups()) {
        for (const o of this.catalog.whitelistedOptions(g)) pairs.push([g, o]);
      }
    }
    return listToConfig(pairs.map(([g, o]) => ({ group: g, option: o, value: this.catalog.defaultValue(g, o) })), option);
  }

  private async withSensitive(domainId: string, group?: string | null, option?: string | null): Promise<DomainConfigDict> {
    const [whitelisted, sensitive] = await Promise.all([
      this.driver.listConfigOptions(domainId, group, option),
      this.driver.listConfigOptions(domainId, group, option, true),
    ]);
    return listToConfig([...whitelisted, ...sensitive]) as DomainConfigDict;
  }

  private toEntries(config: DomainConfigDict): DomainConfigEntry[] {
    return Object.entries(config).flatMap(([group, options]) =>
      Object.entries(options).map(([option, value]) => ({ group, option, value, sensitive: this.catalog.isSensitive(group, option) })),
    );
  }

  private confValue(group: string, option: string): unknown {
    return this.runtime.config.registry.get(group, option) ? this.runtime.config.get(group, option) : null;
  }

  private changed(domainId: string): Promise<void> {
    return domainConfigChanges.publish(this.runtime, domainId);
  }
}
