import {
  CORE_OPTION_GROUPS,
  Database,
  DriverFactory,
  KeystoneConfig,
  OptionRegistry,
  PluginRegistry,
  ProviderApis,
  getLogger,
  type KeystoneRuntime,
  type MutableCoreServices,
} from '@keystone-ts/core';
import { knexExecutor, sqlPlugin, syncSchema } from '@keystone-ts/plugin-sql';
import { ResourceManager, resourceOptionGroups } from '../src';

/** Calls other subsystems would receive from the resource manager. */
export interface Recorded {
  calls: string[];
}

/**
 * A ResourceManager over a real in-memory SQLite database made by the schema
 * sync (root domain row included), with recording stand-ins for the
 * identity, assignment and revoke APIs.
 */
export async function resourceTestBed(conf = ''): Promise<{ manager: ResourceManager; apis: ProviderApis; db: Database; recorded: Recorded; close(): Promise<void> }> {
  const options = new OptionRegistry();
  for (const g of CORE_OPTION_GROUPS) options.register(g, '@keystone-ts/core');
  for (const g of resourceOptionGroups) options.register(g, '@keystone-ts/resource');
  options.lock();
  const config = KeystoneConfig.fromText(conf, options);
  const registry = new PluginRegistry();
  registry.register(sqlPlugin, '@keystone-ts/plugin-sql');
  registry.lock();
  const db = await Database.open({ dialect: 'sqlite', filename: ':memory:' });
  await syncSchema(knexExecutor(db.knex() as never), 'sqlite');
  const services: MutableCoreServices = { database: db };
  const runtime = { config, registry, drivers: new DriverFactory(registry, services, getLogger), services, configFiles: [], rest: [] } as KeystoneRuntime;
  const apis = new ProviderApis();
  const recorded: Recorded = { calls: [] };
  const record = (name: string) => async (id: string) => void recorded.calls.push(`${name}:${id}`);
  apis.register('identity', { deleteDomainContents: record('identity.deleteDomainContents') } as never);
  apis.register('assignment', {
    deleteProjectAssignments: record('assignment.deleteProjectAssignments'),
    deleteDomainAssignments: record('assignment.deleteDomainAssignments'),
    listProjectsForUser: async () => [],
  } as never);
  apis.register('revoke', { revokeByProject: record('revoke.revokeByProject'), revokeByDomain: record('revoke.revokeByDomain') } as never);
  const manager = new ResourceManager(runtime, apis);
  await manager.onModuleInit();
  return { manager, apis, db, recorded, close: () => db.close() };
}
