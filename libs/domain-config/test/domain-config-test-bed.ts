import {
  CORE_OPTION_GROUPS,
  Database,
  DriverFactory,
  KeystoneConfig,
  OptionRegistry,
  PluginRegistry,
  domainConfigChanges,
  getLogger,
  type KeystoneRuntime,
  type MutableCoreServices,
  ProviderApis,
} from '@keystone-ts/core';
import { Namespaces, definePlugin, type OptionGroup } from '@keystone-ts/plugin-sdk';
import { knexExecutor, sqlPlugin, syncSchema } from '@keystone-ts/plugin-sql';
// Not exported by the plugin package: the sql plugin registers these drivers itself.
import { domainConfigDrivers } from '../../../plugins/sql/src/domain-config';
import { DomainConfigManager, domainConfigOptionGroups } from '../src';

/**
 * A DomainConfigManager over a real in-memory SQLite database made by the
 * schema sync. `extraGroups` stand for option groups a plugin registers
 * (e.g. an `[identity]` option of its own driver). `changes` records the
 * domains whose configuration the manager announced as changed.
 */
export async function domainConfigTestBed(conf = '', extraGroups: readonly OptionGroup[] = []) {
  const options = new OptionRegistry();
  for (const g of CORE_OPTION_GROUPS) options.register(g, '@keystone-ts/core');
  for (const g of domainConfigOptionGroups) options.register(g, '@keystone-ts/domain-config');
  for (const g of extraGroups) options.register(g, 'a-plugin');
  options.lock();
  const config = KeystoneConfig.fromText(conf, options, '/etc/keystone/keystone.conf');
  const registry = new PluginRegistry();
  registry.register(sqlPlugin, '@keystone-ts/plugin-sql');
  // Until the sql plugin lists them itself (then this extra registration would clash).
  if (!sqlPlugin.drivers?.some((d) => d.namespace === Namespaces.resourceDomainConfig)) {
    registry.register(definePlugin({ id: 'sql-domain-config', compatibility: '^1.0.0', drivers: domainConfigDrivers }), 'test');
  }
  registry.lock();
  const db = await Database.open({ dialect: 'sqlite', filename: ':memory:' });
  await syncSchema(knexExecutor(db.knex() as never), 'sqlite');
  const services: MutableCoreServices = { database: db };
  const runtime = { config, registry, drivers: new DriverFactory(registry, services, getLogger), services, configFiles: [], rest: [] } as KeystoneRuntime;
  const changes: string[] = [];
  domainConfigChanges.subscribe(runtime, (id) => void changes.push(id));
  const manager = new DomainConfigManager(runtime, new ProviderApis());
  await manager.onModuleInit();
  return { manager, db, changes, knex: () => db.knex() as never, close: () => db.close() };
}
