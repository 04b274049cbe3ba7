import { createHash } from 'node:crypto';
import type { DomainConfigDriver, DomainConfigEntry, Logger } from '@keystone-ts/plugin-sdk';
import type { RawSections, RawValue } from '../config/ini-parser';
import { percentFormat } from '../policy/python-format.util';
import { DOMAIN_OVERLAY_GROUPS, type DomainConfigSource } from './domain-config-source';

export interface DatabaseSourceOptions {
  /** The domain-config driver, asked for on first use (it needs the database, which opens after the resolver is made). */
  driver: () => Promise<DomainConfigDriver>;
  /** Orphaned rows of a deleted domain are not a configuration. */
  domainExists: (domainId: string) => Promise<boolean>;
  logger: Logger;
}

/**
 * Domain-specific `[identity]`/`[ldap]` options stored through the domain
 * config API (`[identity] domain_configurations_from_database = true`).
 * `load` is one small query over both tables; its fingerprint is a hash of
 * every stored row (sensitive values included, never shown), so any change
 * made by any worker is seen at this worker's next recheck.
 */
export class DatabaseDomainConfigSource implements DomainConfigSource {
  private store: Promise<DomainConfigDriver> | null = null;

  constructor(private readonly opts: DatabaseSourceOptions) {}

  async load(domainId: string) {
    const entries = await (await this.driver()).loadConfig(domainId);
    if (entries.length === 0) return null;
    const origin = configOrigin(domainId);
    return { sections: this.toSections(entries, domainId, origin), fingerprint: fingerprint(entries), origin };
  }

  async listConfigured() {
    const driver = await this.driver();
    const out: { domainId: string; sections: RawSections; origin: string }[] = [];
    for (const domainId of await driver.listConfiguredDomainIds()) {
      if (!(await this.opts.domainExists(domainId))) continue;
      const origin = configOrigin(domainId);
      out.push({ domainId, sections: this.toSections(await driver.loadConfig(domainId), domainId, origin), origin });
    }
    return out;
  }

  private driver(): Promise<DomainConfigDriver> {
    this.store ??= this.opts.driver().catch((e: unknown) => {
      this.store = null;
      throw e;
    });
    return this.store;
  }

  /** Keystone's `get_config_with_sensitive_info`: sensitive values substituted into `%(name)s` of whitelisted strings. */
  private toSections(entries: readonly DomainConfigEntry[], domainId: string, origin: string): RawSections {
    const secrets = new Map(entries.filter((e) => e.sensitive).map((e) => [e.option, e.value]));
    const sections: RawSections = new Map();
    // Whitelisted first, so a sensitive option of the same name (never written by us) wins, as in Keystone.
    for (const e of [...entries.filter((x) => !x.sensitive), ...entries.filter((x) => x.sensitive)]) {
      if (!DOMAIN_OVERLAY_GROUPS.includes(e.group)) continue;
      let value = e.value;
      if (!e.sensitive && typeof value === 'string') value = this.substitute(value, secrets, domainId, e);
      const raw = toRawString(value);
      if (raw === null) continue;
      let section = sections.get(e.group);
      if (!section) sections.set(e.group, (section = new Map()));
      section.set(e.option, [{ value: raw, file: origin, line: 0 } satisfies RawValue]);
    }
    return sections;
  }

  private substitute(value: string, secrets: ReadonlyMap<string, unknown>, domainId: string, e: DomainConfigEntry): string {
    try {
      return percentFormat(value, secrets);
    } catch {
      // Keystone logs and keeps the original; the value is not logged, as it may hold half a secret.
      this.opts.logger.warn(
        `Found what looks like an unmatched or incorrectly constructed config option substitution reference - domain: ${domainId}, group: ${e.group}, option: ${e.option}`,
      );
      return value;
    }
  }
}

/** Keystone's wording for a configuration that came from the API (its MultipleSQLDriversInConfig names it so). */
export function configOrigin(domainId: string): string {
  return `Config API entity at /domains/${domainId}/config`;
}

/**
 * A stored JSON value as the text oslo.config would parse to the same typed
 * value (Keystone hands typed values to `set_override`): lists comma-joined,
 * dicts as `k:v` pairs, null as "not set" (the default applies).
 */
export function toRawString(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(String).join(',');
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}:${String(v)}`).join(',');
  return String(value);
}

function fingerprint(entries: readonly DomainConfigEntry[]): string {
  const canonical = [...entries]
    .map((e) => [e.group, e.option, e.sensitive ? 1 : 0, JSON.stringify(e.value)])
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
