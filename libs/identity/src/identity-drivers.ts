import {
  DatabaseDomainConfigSource,
  DomainDriverResolver,
  FileDomainConfigSource,
  claimSqlDriver,
  domainConfigChanges,
  getLogger,
  type DomainConfigSource,
  type KeystoneRuntime,
  type ProviderApis,
} from '@keystone-ts/core';
import { Namespaces, NotFound, type DomainConfigDriver, type IdentityDriver, type Logger } from '@keystone-ts/plugin-sdk';

/**
 * Builds the resolver that picks each domain's identity driver, from
 * `keystone.<domain>.conf` files or, with `domain_configurations_from_database`,
 * from the domain config API's tables.
 */
export function createIdentityDriverResolver(runtime: KeystoneRuntime, apis: ProviderApis): DomainDriverResolver<IdentityDriver> {
  const config = runtime.config;
  const enabled = config.get<boolean>('identity', 'domain_specific_drivers_enabled');
  const fromDb = config.get<boolean>('identity', 'domain_configurations_from_database');
  const logger = getLogger('keystone.identity');
  const domainName = async (id: string) => apis.resource.getDomain(id).then((d) => d.name, notFoundToNull);
  const domainExists = async (id: string) => (await domainName(id)) !== null;
  const store = enabled && fromDb ? lazyDomainConfigDriver(runtime) : null;
  let source: DomainConfigSource | null = null;
  if (enabled && store) {
    const db = new DatabaseDomainConfigSource({ driver: store, domainExists, logger });
    // Built on first use, as Keystone does: the API accepts configurations naming drivers this
    // server lacks (Tempest stores `driver = ldap`), and one such row must not stop every start.
    source = { load: (id) => db.load(id), listConfigured: async () => [] };
  } else if (enabled) {
    source = new FileDomainConfigSource(
      config.get<string>('identity', 'domain_config_dir'),
      async (name) => apis.resource.getDomainByName(name).then((d) => d.id, notFoundToNull),
      domainName,
      logger,
    );
  }
  const resolver: DomainDriverResolver<IdentityDriver> = new DomainDriverResolver<IdentityDriver>({
    config,
    enabled,
    source,
    logger,
    isSql: (d) => d.isSql,
    build: async (cfg, domainId) => {
      const driver = await runtime.drivers.createDriver<IdentityDriver>(Namespaces.identity, cfg.get<string>('identity', 'driver'), cfg, domainId);
      if (store && domainId !== null) await claimOrDestroy(driver, await store(), domainId, resolver, domainExists, logger);
      return driver;
    },
  });
  // A write through the domain config API rebuilds this worker's driver on the next call.
  if (store) domainConfigChanges.subscribe(runtime, (domainId) => resolver.invalidate(domainId));
  return resolver;
}

/**
 * The cross-process half of the one-SQL-driver rule (config_register). With
 * an SQL default driver the resolver itself refuses a second one, so no
 * claim is taken for a driver about to be refused.
 */
async function claimOrDestroy(
  driver: IdentityDriver,
  store: DomainConfigDriver,
  domainId: string,
  resolver: DomainDriverResolver<IdentityDriver>,
  domainExists: (id: string) => Promise<boolean>,
  logger: Logger,
): Promise<void> {
  if (driver.isSql && resolver.default.isSql) return;
  try {
    await claimSqlDriver(store, domainId, driver.isSql, domainExists, logger);
  } catch (e) {
    await driver.destroy?.();
    throw e;
  }
}

/** The domain-config driver, built once on first use (the database opens after this resolver is made). */
function lazyDomainConfigDriver(runtime: KeystoneRuntime): () => Promise<DomainConfigDriver> {
  let driver: Promise<DomainConfigDriver> | null = null;
  const cfg = runtime.config;
  // `[domain_config]` is registered by @keystone-ts/domain-config; without it, Keystone's default applies.
  const name = cfg.registry.get('domain_config', 'driver') ? cfg.get<string>('domain_config', 'driver') : 'sql';
  return () =>
    (driver ??= runtime.drivers.createDriver<DomainConfigDriver>(Namespaces.resourceDomainConfig, name, cfg).catch((e: unknown) => {
      driver = null;
      throw e;
    }));
}

function notFoundToNull(e: unknown): null {
  if (e instanceof NotFound) return null;
  throw e;
}
