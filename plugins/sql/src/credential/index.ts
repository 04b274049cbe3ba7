import { defineDriver, Namespaces, type DriverDefinition } from '@keystone-ts/plugin-sdk';
import { sqlConnection } from '../common/sql-connection';
import { SqlCredentialDriver } from './sql-credential.driver';

/** SQL driver of the credential store, registered by the sql plugin. */
export const credentialDrivers: DriverDefinition[] = [
  defineDriver({
    namespace: Namespaces.credential,
    name: 'sql',
    aliases: ['keystone.credential.backends.sql.Credential'],
    create: (ctx) => new SqlCredentialDriver(sqlConnection(ctx).knex),
  }),
];
