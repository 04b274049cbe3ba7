import { defineDriver, Namespaces, type DriverDefinition } from '@keystone-ts/plugin-sdk';
import { sqlConnection } from '../common/sql-connection';
import { SqlDomainConfigDriver } from './sql-domain-config.driver';

export { SqlDomainConfigDriver } from './sql-domain-config.driver';
export { pythonJsonDumps, pythonJsonLoads } from './python-json';

/** The SQL domain-config driver (`[domain_config] driver = sql`), registered by the sql plugin. */
export const domainConfigDrivers: DriverDefinition[] = [
  defineDriver({
    namespace: Namespaces.resourceDomainConfig,
    name: 'sql',
    aliases: ['keystone.resource.config_backends.sql.DomainConfig'],
    create: (ctx) => new SqlDomainConfigDriver(sqlConnection(ctx).knex),
  }),
];
