import { defineDriver, Namespaces, type DriverDefinition } from '@keystone-ts/plugin-sdk';
import { sqlConnection } from '../common/sql-connection';
import { SqlOAuth1Driver } from './sql-oauth1.driver';

/** SQL driver of OS-OAUTH1, registered by the sql plugin. */
export const oauth1Drivers: DriverDefinition[] = [
  defineDriver({
    namespace: Namespaces.oauth1,
    name: 'sql',
    aliases: ['keystone.oauth1.backends.sql.OAuth1'],
    create: (ctx) => new SqlOAuth1Driver(sqlConnection(ctx).knex),
  }),
];
