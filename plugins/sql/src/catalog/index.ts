import { defineDriver, Namespaces, type DriverDefinition } from '@keystone-ts/plugin-sdk';
import { sqlConnection } from '../common/sql-connection';
import { SqlCatalogDriver } from './sql-catalog.driver';
import { SqlEndpointFilterDriver } from './sql-endpoint-filter.driver';
import { SqlEndpointPolicyDriver } from './sql-endpoint-policy.driver';

export { SqlCatalogDriver } from './sql-catalog.driver';
export { SqlEndpointFilterDriver } from './sql-endpoint-filter.driver';
export { SqlEndpointPolicyDriver } from './sql-endpoint-policy.driver';

/** SQL drivers of the catalog subsystem (catalog, endpoint filter, endpoint policy), registered by the sql plugin. */
export const catalogDrivers: DriverDefinition[] = [
  defineDriver({
    namespace: Namespaces.catalog,
    name: 'sql',
    // Liberty's filtering catalog was a separate name; ours always filters.
    aliases: ['keystone.catalog.backends.sql.Catalog', 'endpoint_filter.sql', 'keystone.contrib.endpoint_filter.backends.catalog_sql.EndpointFilterCatalog'],
    create: (ctx) => {
      const { knex, dialect } = sqlConnection(ctx);
      return new SqlCatalogDriver(knex, dialect);
    },
  }),
  defineDriver({
    namespace: Namespaces.endpointFilter,
    name: 'sql',
    // Keystone registers its sql catalog class under this namespace too.
    aliases: ['keystone.catalog.backends.sql.Catalog', 'keystone.contrib.endpoint_filter.backends.sql.EndpointFilter'],
    create: (ctx) => new SqlEndpointFilterDriver(sqlConnection(ctx).knex),
  }),
  defineDriver({
    namespace: Namespaces.endpointPolicy,
    name: 'sql',
    aliases: ['keystone.endpoint_policy.backends.sql.EndpointPolicy', 'keystone.contrib.endpoint_policy.backends.sql.EndpointPolicy'],
    create: (ctx) => new SqlEndpointPolicyDriver(sqlConnection(ctx).knex),
  }),
];
