import { defineDriver, Namespaces, type DriverDefinition } from '@keystone-ts/plugin-sdk';
import { sqlConnection } from '../common/sql-connection';
import { SqlTrustDriver } from './sql-trust.driver';

/** SQL driver of trusts (OS-TRUST), registered by the sql plugin. */
export const trustDrivers: DriverDefinition[] = [
  defineDriver({
    namespace: Namespaces.trust,
    name: 'sql',
    aliases: ['keystone.trust.backends.sql.Trust'],
    create: (ctx) => {
      const { knex, dialect } = sqlConnection(ctx);
      return new SqlTrustDriver(knex, dialect);
    },
  }),
];
