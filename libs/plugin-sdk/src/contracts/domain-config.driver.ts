/**
 * One stored domain-specific option. `value` is whatever JSON the API
 * client sent (Keystone keeps it as a JSON blob), so `list_limit` may be the
 * number 5 or the string '5' (keystone-manage uploads strings).
 */
export interface DomainConfigOption {
  group: string;
  option: string;
  value: unknown;
}

/** An option with the table it belongs in: sensitive ones are never shown by the API. */
export interface DomainConfigEntry extends DomainConfigOption {
  sensitive: boolean;
}

/** The registration type Keystone uses to allow a single SQL identity driver across domains. */
export const SQL_DRIVER_REGISTRATION = 'SQL';

/**
 * The `keystone.resource.domain_config` contract (Keystone's
 * DomainConfigDriverBase): per-domain `[identity]`/`[ldap]` options in two
 * tables (whitelisted, sensitive) and the `config_register` of singleton
 * resources. Validation (which options are allowed) is the manager's job.
 */
export interface DomainConfigDriver {
  /** Replaces the domain's whole configuration, both tables, atomically. */
  createConfigOptions(domainId: string, options: readonly DomainConfigEntry[]): Promise<void>;
  /** @throws NotFound ("Could not find option <o> in group <g> in domain configuration for domain <d>.") */
  getConfigOption(domainId: string, group: string, option: string, sensitive?: boolean): Promise<DomainConfigOption>;
  /** Options of one table, narrowed by group (and option within it). */
  listConfigOptions(domainId: string, group?: string | null, option?: string | null, sensitive?: boolean): Promise<DomainConfigOption[]>;
  /** Both tables in one read, for building the domain's driver (cheap: called on each recheck). */
  loadConfig(domainId: string): Promise<DomainConfigEntry[]>;
  /** Domains having at least one stored option. */
  listConfiguredDomainIds(): Promise<string[]>;
  /** Upserts each option, moving it between tables when its sensitivity says so. */
  updateConfigOptions(domainId: string, options: readonly DomainConfigEntry[]): Promise<void>;
  /** Deletes the whole configuration, a group, or one option (both tables). */
  deleteConfigOptions(domainId: string, group?: string | null, option?: string | null): Promise<void>;
  /** True when the domain now holds `type`; false when another domain already does. */
  obtainRegistration(domainId: string, type: string): Promise<boolean>;
  /** The domain holding `type`, or null (Keystone raises ConfigRegistrationNotFound). */
  readRegistration(type: string): Promise<string | null>;
  /** Silently drops what the domain holds (only `type` when given). */
  releaseRegistration(domainId: string, type?: string | null): Promise<void>;
}
