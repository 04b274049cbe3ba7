import { KeystoneConfig, OptionRegistry, type RawSections } from '@keystone-ts/core';
import {
  KEYSTONE_DEFAULT_DEFINITIONS,
  KEYSTONE_GROUP_OPTIONS,
  KEYSTONE_SENSITIVE,
  KEYSTONE_WHITELISTED,
} from './keystone-domain-options';

/**
 * Which options the domain config API accepts, and their defaults.
 *
 * Keystone's whitelist and sensitive lists, plus the options a plugin
 * registered in `[identity]` or `[ldap]` for its own driver (an option in
 * those groups that Keystone does not have): a plugin's driver can then be
 * selected and configured per domain purely through the API, as Keystone's
 * LDAP driver can. A plugin option declared `secret` is sensitive (stored in
 * `sensitive_config`, never echoed); any other is whitelisted.
 */
export class DomainOptionCatalog {
  private readonly whitelisted = new Map<string, string[]>();
  private readonly sensitive = new Map<string, string[]>();
  private shadow: KeystoneConfig | null = null;
  private shadowOptions: OptionRegistry | null = null;

  constructor(private readonly config: KeystoneConfig) {
    for (const group of Object.keys(KEYSTONE_WHITELISTED)) {
      const white = [...KEYSTONE_WHITELISTED[group]];
      const secret = [...KEYSTONE_SENSITIVE[group]];
      for (const [name, def] of config.registry.options(group)) {
        if (KEYSTONE_GROUP_OPTIONS[group].includes(name)) continue;
        (def.secret ? secret : white).push(name);
      }
      this.whitelisted.set(group, white);
      this.sensitive.set(group, secret);
    }
  }

  isGroup(group: string): boolean {
    return this.whitelisted.has(group) || this.sensitive.has(group);
  }

  isAllowed(group: string, option: string): boolean {
    return this.isWhitelisted(group, option) || this.isSensitive(group, option);
  }

  isWhitelisted(group: string, option: string): boolean {
    return this.whitelisted.get(group)?.includes(option) ?? false;
  }

  isSensitive(group: string, option: string): boolean {
    return this.sensitive.get(group)?.includes(option) ?? false;
  }

  whitelistedGroups(): string[] {
    return [...this.whitelisted.keys()];
  }

  whitelistedOptions(group: string): readonly string[] {
    return this.whitelisted.get(group) ?? [];
  }

  /**
   * What keystone.conf says for the option (Keystone answers the "default"
   * routes with `CONF.<group>.<option>`, the server-wide value a domain
   * without its own configuration gets).
   */
  defaultValue(group: string, option: string): unknown {
    if (this.config.registry.get(group, option)) return this.config.get(group, option);
    try {
      return this.shadowConfig().get(group, option);
    } catch {
      // A value keystone.conf sets badly for an option nobody loaded: show Keystone's default.
      return this.shadowRegistry().get(group, option)?.default ?? null;
    }
  }

  /** keystone.conf's `[identity]`/`[ldap]` read with Keystone's own definitions, for options no module registered. */
  private shadowConfig(): KeystoneConfig {
    if (!this.shadow) {
      const raw: RawSections = new Map();
      for (const group of this.whitelistedGroups()) raw.set(group, new Map(this.config.rawSection(group)));
      this.shadow = new KeystoneConfig(this.shadowRegistry(), raw, this.config.files);
    }
    return this.shadow;
  }

  private shadowRegistry(): OptionRegistry {
    if (!this.shadowOptions) {
      this.shadowOptions = new OptionRegistry();
      for (const g of KEYSTONE_DEFAULT_DEFINITIONS) this.shadowOptions.register(g, '@keystone-ts/domain-config (Keystone defaults)');
    }
    return this.shadowOptions;
  }
}
