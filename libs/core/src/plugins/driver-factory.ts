import type { CoreServices, DriverContext, Logger } from '@keystone-ts/plugin-sdk';
import type { KeystoneConfig } from '../config/keystone-config';
import type { PluginRegistry } from './plugin-registry';

/**
 * Builds driver and auth-method instances with their context. Options are
 * read through the given config, so a domain overlay config yields the
 * domain's own option values.
 */
export class DriverFactory {
  constructor(
    private readonly registry: PluginRegistry,
    private readonly services: CoreServices,
    private readonly loggerFor: (name: string) => Logger,
  ) {}

  async createDriver<T>(namespace: string, name: string, config: KeystoneConfig, domainId: string | null = null): Promise<T> {
    const def = this.registry.driver<T>(namespace, name);
    return def.create(this.context(config, def.optionGroup, domainId, `${namespace}.${def.name}`));
  }

  async createAuthMethod<T>(method: string, name: string, config: KeystoneConfig): Promise<T> {
    const def = this.registry.authMethod<T>(method, name);
    return def.create(this.context(config, method, null, `keystone.auth.${method}.${def.name}`));
  }

  private context(config: KeystoneConfig, group: string | undefined, domainId: string | null, loggerName: string): DriverContext {
    return {
      options: group && config.has(group) ? config.group(group) : {},
      config,
      domainId,
      logger: this.loggerFor(loggerName),
      services: this.services,
    };
  }
}
