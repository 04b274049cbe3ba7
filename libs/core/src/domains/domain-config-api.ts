/** A domain's options by group: `{ldap: {url: ...}, identity: {driver: ...}}`. */
export type DomainConfigDict = Record<string, Record<string, unknown>>;

/**
 * What others ask of the domain config manager (Keystone's
 * domain_config_api). Nest token: DOMAIN_CONFIG_API, provided by
 * @keystone-ts/domain-config, so keystone-manage and other modules reach it
 * without depending on that package.
 */
export interface DomainConfigApi {
  /** Replaces the domain's configuration; returns it without sensitive options. @throws Forbidden (InvalidDomainConfig) */
  createConfig(domainId: string, config: unknown): Promise<DomainConfigDict>;
  /** Everything stored, sensitive options included ({} when nothing): never for API responses. */
  getConfigWithSensitiveInfo(domainId: string): Promise<DomainConfigDict>;
  /** Drops the whole configuration and any singleton registration (domain deletion). */
  deleteDomainData(domainId: string): Promise<void>;
}

export const DOMAIN_CONFIG_API = Symbol.for('keystone-ts.domain-config-api');
