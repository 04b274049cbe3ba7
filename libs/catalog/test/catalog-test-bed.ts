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
  type ProjectRef,
} from '@keystone-ts/core';
import { NotFound } from '@keystone-ts/plugin-sdk';
import { knexExecutor, sqlPlugin, syncSchema } from '@keystone-ts/plugin-sql';
import { catalogTemplatedPlugin } from '@keystone-ts/plugin-catalog-templated';
import { CatalogBackends } from '../src/catalog-backends';
import { CatalogManager } from '../src/catalog.manager';
import { catalogOptionGroups } from '../src/catalog.options';
import { EndpointFilterManager } from '../src/endpoint-filter.manager';
import { EndpointPolicyManager } from '../src/endpoint-policy.manager';

export interface CatalogTestBed {
  runtime: KeystoneRuntime;
  db: Database;
  apis: ProviderApis;
  catalog: CatalogManager;
  filters: EndpointFilterManager;
  policies: EndpointPolicyManager;
  /** Projects the stand-in resource API knows. */
  projects: Map<string, ProjectRef>;
  /** SQL statements run since the last reset (for query-count checks). */
  queries: string[];
  close(): Promise<void>;
}

/**
 * The catalog managers over a real in-memory SQLite database made by the
 * schema sync, with the sql and templated plugins registered exactly as at
 * boot, and a stand-in resource API holding `projects`.
 */
export async function catalogTestBed(conf = ''): Promise<CatalogTestBed> {
  const options = new OptionRegistry();
  for (const g of CORE_OPTION_GROUPS) options.register(g, '@keystone-ts/core');
  for (const g of catalogOptionGroups) options.register(g, '@keystone-ts/catalog');
  options.lock();
  const config = KeystoneConfig.fromText(conf, options);
  const registry = new PluginRegistry();
  registry.register(sqlPlugin, '@keystone-ts/plugin-sql');
  registry.register(catalogTemplatedPlugin, '@keystone-ts/plugin-catalog-templated');
  registry.lock();
  const db = await Database.open({ dialect: 'sqlite', filename: ':memory:' });
  await syncSchema(knexExecutor(db.knex() as never), 'sqlite');
  const services: MutableCoreServices = { database: db };
  const runtime = { config, registry, drivers: new DriverFactory(registry, services, getLogger), services, configFiles: [], rest: [] } as KeystoneRuntime;
  const apis = new ProviderApis();
  const projects = new Map<string, ProjectRef>();
  apis.register('resource', {
    getProject: async (id: string) => {
      const p = projects.get(id);
      if (!p) throw NotFound.entity('project', id);
      return p;
    },
    listProjectsFromIds: async (ids: readonly string[]) => ids.map((id) => projects.get(id)).filter((p) => p !== undefined),
  } as never);
  const backends = new CatalogBackends(runtime);
  await backends.onModuleInit().catch(async (e: unknown) => {
    await db.close();
    throw e;
  });
  const catalog = new CatalogManager(runtime, backends, apis);
  const queries: string[] = [];
  db.knex().on('query', (q: { sql: string }) => queries.push(q.sql));
  return {
    runtime,
    db,
    apis,
    catalog,
    filters: new EndpointFilterManager(backends, catalog, apis),
    policies: new EndpointPolicyManager(backends, catalog),
    projects,
    queries,
    close: () => db.close(),
  };
}

export function project(id: string, domainId = 'default'): ProjectRef {
  return { id, name: id, domain_id: domainId, parent_id: domainId, is_domain: false, enabled: true, description: '', tags: [], options: {} };
}
