import { defineDriver, Namespaces, type DriverDefinition } from '@keystone-ts/plugin-sdk';
import { sqlConnection } from '../common/sql-connection';
import { SqlPolicyDriver } from './sql-policy.driver';

/** SQL driver of the policy entity, registered by the sql plugin. */
export const policyDrivers: DriverDefinition[] = [
  defineDriver({
    namespace: Namespaces.policy,
    name: 'sql',
    aliases: ['keystone.policy.backends.sql.Policy'],
    create: (ctx) => new SqlPolicyDriver(sqlConnection(ctx).knex),
  }),
];
