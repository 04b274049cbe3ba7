import { defineDriver, Namespaces, type DriverDefinition } from '@keystone-ts/plugin-sdk';
import { sqlConnection } from '../common/sql-connection';
import { SqlResourceDriver } from './sql-resource.driver';

export { SqlResourceDriver } from './sql-resource.driver';

/** SQL drivers of the resource subsystem, registered by the sql plugin. */
export const resourceDrivers: DriverDefinition[] = [
  defineDriver({
    namespace: Namespaces.resource,
    name: 'sql',
    aliases: ['keystone.resource.backends.sql.Resource'],
    create: (ctx) => {
      const { knex, dialect } = sqlConnection(ctx);
      return new SqlResourceDriver(knex, dialect);
    },
  }),
];
