import { defineDriver, Namespaces, type DriverDefinition } from '@keystone-ts/plugin-sdk';
import { sqlConnection } from '../common/sql-connection';
import { SqlFederationDriver } from './sql-federation.driver';

export { SqlFederationDriver } from './sql-federation.driver';

/** SQL driver of the federation subsystem, registered by the sql plugin. */
export const federationDrivers: DriverDefinition[] = [
  defineDriver({
    namespace: Namespaces.federation,
    name: 'sql',
    aliases: ['keystone.federation.backends.sql.Federation'],
    create: (ctx) => {
      const { knex, dialect } = sqlConnection(ctx);
      return new SqlFederationDriver(knex, dialect);
    },
  }),
];
