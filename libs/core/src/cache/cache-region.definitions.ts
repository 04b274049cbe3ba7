/**
 * The cache regions, as Keystone 22 splits them. Each takes its `caching`
 * toggle and `cache_time` TTL from its option group (a group not registered
 * in this server means "caching on, TTL from [cache] expiration_time").
 *
 * `dependsOn`: regions whose generation is part of this region's keys, so
 * invalidating one of them (e.g. a new revocation event) also invalidates
 * every entry here (e.g. every cached token validation).
 */
export interface CacheRegionDefinition {
  group: string;
  dependsOn?: readonly string[];
}

export const CACHE_REGIONS = {
  /** Users by id and by name (Keystone's identity MEMOIZE). */
  identity: { group: 'identity' },
  /** Public ID ↔ local entity mappings (ID_MAPPING_REGION). */
  id_mapping: { group: 'identity' },
  /** Domains and projects. */
  resource: { group: 'resource' },
  /** Roles and implied roles. */
  role: { group: 'role' },
  /** Computed (effective) assignments; Keystone memoizes them under [role]. */
  assignment: { group: 'role' },
  /** Regions, services, endpoints. */
  catalog: { group: 'catalog' },
  /** Computed catalogs per user and project (COMPUTED_CATALOG_REGION). */
  computed_catalog: { group: 'catalog' },
  /** The revocation event list. */
  revoke: { group: 'revoke' },
  /**
   * Validated tokens, which carry roles and project/domain names: keyed by token id and the
   * revocation and assignment generations. Every grant, role, implied-role, membership,
   * project or domain write bumps `assignment`, so no validation outlives the data it showed.
   */
  token: { group: 'token', dependsOn: ['revoke', 'assignment'] },
  receipt: { group: 'receipt' },
  domain_config: { group: 'domain_config' },
  credential: { group: 'credential' },
  application_credential: { group: 'application_credential' },
  federation: { group: 'federation' },
  unified_limit: { group: 'unified_limit' },
} as const satisfies Record<string, CacheRegionDefinition>;

export type CacheRegionName = keyof typeof CACHE_REGIONS;

export function regionDefinition(name: CacheRegionName): CacheRegionDefinition {
  return CACHE_REGIONS[name];
}

/** Regions whose keys embed `name`'s generation (directly or through another region). */
export function dependentsOf(name: CacheRegionName): CacheRegionName[] {
  const out = new Set<CacheRegionName>();
  const visit = (n: CacheRegionName) => {
    for (const [other, def] of Object.entries(CACHE_REGIONS) as [CacheRegionName, CacheRegionDefinition][]) {
      if (def.dependsOn?.includes(n) && !out.has(other)) {
        out.add(other);
        visit(other);
      }
    }
  };
  visit(name);
  return [...out];
}

/** The generations a region's keys embed: its own, then its dependencies' (transitively), in a fixed order. */
export function generationsOf(name: CacheRegionName): CacheRegionName[] {
  const out: CacheRegionName[] = [];
  const visit = (n: CacheRegionName) => {
    if (out.includes(n)) return;
    out.push(n);
    for (const d of regionDefinition(n).dependsOn ?? []) visit(d as CacheRegionName);
  };
  visit(name);
  return out;
}
