import { CORE_OPTION_GROUPS, DriverFactory, KeystoneConfig, OptionRegistry, PluginRegistry, ProviderApis, getLogger, type KeystoneRuntime } from '@keystone-ts/core';
import { sqlPlugin } from '@keystone-ts/plugin-sql';
import { createTestDb, type TestDb } from '../../../../plugins/sql/src/assignment/testing/test-db';
import { AssignmentManager } from '../../src/assignment.manager';
import { RoleManager } from '../../src/role.manager';
import { assignmentOptionGroups } from '../../src/assignment.options';
import { createAssignmentDrivers } from '../../src/assignment-drivers';
import { FakeIdentity, FakeResource } from './fake-apis';

export interface AssignmentFixture {
  db: TestDb;
  apis: ProviderApis;
  identity: FakeIdentity;
  resource: FakeResource;
  roles: RoleManager;
  assignment: AssignmentManager;
  config: KeystoneConfig;
  /** Counts SQL statements run while `work` runs. */
  countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }>;
  close(): Promise<void>;
}

/**
 * The assignment managers over a fresh Keystone 22 SQLite database, with
 * drivers chosen through the real plugin registry from keystone.conf text.
 */
export async function createAssignmentFixture(confText = ''): Promise<AssignmentFixture> {
  const db = await createTestDb();
  const options = new OptionRegistry();
  for (const g of CORE_OPTION_GROUPS) options.register(g, '@keystone-ts/core');
  for (const g of assignmentOptionGroups) options.register(g, '@keystone-ts/assignment');
  const config = KeystoneConfig.fromText(confText, options);
  const registry = new PluginRegistry();
  registry.register(sqlPlugin, '@keystone-ts/plugin-sql');
  const services = { database: { dialect: db.dialect, knex: () => db.knex } };
  const runtime = { config, registry, drivers: new DriverFactory(registry, services, getLogger), services } as unknown as KeystoneRuntime;
  const drivers = await createAssignmentDrivers(runtime);

  const apis = new ProviderApis();
  const identity = new FakeIdentity();
  const resource = new FakeResource();
  apis.register('identity', identity.asApi());
  apis.register('resource', resource.asApi());
  const roles = new RoleManager(drivers, config, apis);
  const assignment = new AssignmentManager(drivers, roles, apis);

  let queries = 0;
  db.knex.on('query', () => queries++);
  return {
    db,
    apis,
    identity,
    resource,
    roles,
    assignment,
    config,
    countQueries: async (work) => {
      const before = queries;
      const result = await work();
      return { result, queries: queries - before };
    },
    close: () => db.close(),
  };
}
