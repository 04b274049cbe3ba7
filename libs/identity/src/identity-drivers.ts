import { DomainDriverResolver, FileDomainConfigSource, getLogger, type KeystoneRuntime, type ProviderApis } from '@keystone-ts/core';
import { Namespaces, NotFound, type IdentityDriver } from '@keystone-ts/plugin-sdk';

/**
 * Builds the resolver that picks each domain's identity driver. The domain
 * config source is files today; the database source (domain config API)
 * plugs in here without changing the resolver.
 */
export function createIdentityDriverResolver(runtime: KeystoneRuntime, apis: ProviderApis): DomainDriverResolver<IdentityDriver> {
  const config = runtime.config;
  const enabled = config.get<boolean>('identity', 'domain_specific_drivers_enabled');
  const fromDb = config.get<boolean>('identity', 'domain_configurations_from_database');
  const logger = getLogger('keystone.identity');
  const source =
    enabled && !fromDb
      ? new FileDomainConfigSource(
          config.get<string>('identity', 'domain_config_dir'),
          async (name) => apis.resource.getDomainByName(name).then((d) => d.id, notFoundToNull),
          async (id) => apis.resource.getDomain(id).then((d) => d.name, notFoundToNull),
          logger,
        )
      : null;
  if (enabled && fromDb) {
    logger.warn('domain_configurations_from_database is not served yet; domain-specific drivers come from files only');
  }
  return new DomainDriverResolver<IdentityDriver>({
    config,
    enabled,
    source,
    logger,
    isSql: (d) => d.isSql,
    build: (cfg, domainId) => runtime.drivers.createDriver<IdentityDriver>(Namespaces.identity, cfg.get<string>('identity', 'driver'), cfg, domainId),
  });
}

function notFoundToNull(e: unknown): null {
  if (e instanceof NotFound) return null;
  throw e;
}
