import { defineDriver, Namespaces, type DriverDefinition } from '@keystone-ts/plugin-sdk';
import { sqlConnection } from '../common/sql-connection';
import { SqlAssignmentDriver } from './sql-assignment.driver';
import { SqlRoleDriver } from './sql-role.driver';

export { SqlAssignmentDriver } from './sql-assignment.driver';
export { SqlRoleDriver } from './sql-role.driver';

/** SQL drivers of the assignment subsystem, registered by the sql plugin. */
export const assignmentDrivers: DriverDefinition[] = [
  defineDriver({
    namespace: Namespaces.assignment,
    name: 'sql',
    aliases: ['keystone.assignment.backends.sql.Assignment'],
    create: (ctx) => {
      const { knex, dialect } = sqlConnection(ctx);
      return new SqlAssignmentDriver(knex, dialect);
    },
  }),
  defineDriver({
    namespace: Namespaces.role,
    name: 'sql',
    aliases: ['keystone.assignment.role_backends.sql.Role'],
    create: (ctx) => new SqlRoleDriver(sqlConnection(ctx).knex),
  }),
];
