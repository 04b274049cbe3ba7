import { defineDriver, Namespaces, type DriverDefinition } from '@keystone-ts/plugin-sdk';
import { sqlConnection } from '../common/sql-connection';
import { SqlRevokeDriver } from './sql-revoke.driver';
import { SqlTokenPersistenceDriver } from './sql-token-persistence.driver';

/** SQL drivers of the token subsystem (revocation events, persisted tokens), registered by the sql plugin. */
export const tokenDrivers: DriverDefinition[] = [
  defineDriver({
    namespace: Namespaces.revoke,
    name: 'sql',
    aliases: ['keystone.revoke.backends.sql.Revoke'],
    create: (ctx) => {
      const { knex, dialect } = sqlConnection(ctx);
      return new SqlRevokeDriver(knex, dialect);
    },
  }),
  defineDriver({
    namespace: Namespaces.tokenPersistence,
    name: 'sql',
    aliases: ['keystone.token.persistence.backends.sql.Token'],
    create: (ctx) => {
      const { knex, dialect } = sqlConnection(ctx);
      return new SqlTokenPersistenceDriver(knex, dialect);
    },
  }),
];
