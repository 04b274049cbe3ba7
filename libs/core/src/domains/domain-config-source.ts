import type { RawSections } from '../config/ini-parser';

/**
 * Where a domain's own `[identity]`/`[ldap]` options come from: files in
 * `domain_config_dir` today, the domain-config API in the database later.
 * `fingerprint` must change whenever the options change; the resolver uses it
 * to decide whether a built driver is still current.
 */
export interface DomainConfigSource {
  /** null when the domain has no specific configuration. */
  load(domainId: string): Promise<{ sections: RawSections; fingerprint: string; origin: string } | null>;
  /** Every domain that has a specific configuration (for start-up checks). */
  listConfigured(): Promise<{ domainId: string; sections: RawSections; origin: string }[]>;
}

/** Options a domain may override; anything else in a domain file is ignored with a warning, as Keystone does. */
export const DOMAIN_OVERLAY_GROUPS: readonly string[] = ['identity', 'ldap'];
