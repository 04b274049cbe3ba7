import { defineDriver, Namespaces, type DriverDefinition } from '@keystone-ts/plugin-sdk';
import { sqlConnection } from '../common/sql-connection';
import { passwordHasherFromConfig } from '../password/hasher-from-config';
import { SqlApplicationCredentialDriver } from './sql-application-credential.driver';

/** SQL driver of application credentials and access rules, registered by the sql plugin. */
export const applicationCredentialDrivers: DriverDefinition[] = [
  defineDriver({
    namespace: Namespaces.applicationCredential,
    name: 'sql',
    aliases: ['keystone.application_credential.backends.sql.ApplicationCredential'],
    create: (ctx) => {
      const { knex, dialect } = sqlConnection(ctx);
      return new SqlApplicationCredentialDriver(knex, dialect, passwordHasherFromConfig(ctx));
    },
  }),
];
