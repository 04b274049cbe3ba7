/**
 * Assignment: roles (global and domain-specific), role options, implied roles
 * and the role assignments on projects, domains and the system.
 */
import { boolean, column, foreignKey, index, table, text, types, unique, varchar } from '../schema-dsl';

/** Keystone stores domain_id = '<<null>>' for global roles, so the unique key works. */
export const ROLE_NULL_DOMAIN_ID = '<<null>>';

/** The kinds of project/domain assignment; a PostgreSQL enum type named `type`. */
export const ASSIGNMENT_TYPES = ['UserProject', 'GroupProject', 'UserDomain', 'GroupDomain'] as const;

export const assignmentTable = table(
  'assignment',
  [
    column('type', types.enumOf('type', ASSIGNMENT_TYPES), { notNull: true }),
    varchar('actor_id', 64, { notNull: true }),
    varchar('target_id', 64, { notNull: true }),
    varchar('role_id', 64, { notNull: true }),
    boolean('inherited', { notNull: true }),
  ],
  {
    primaryKey: ['type', 'actor_id', 'target_id', 'role_id', 'inherited'],
    constraints: [
      // Keystone adds this foreign key on SQLite only (a leftover of its old
      // migration history), by rebuilding the table; elsewhere there is none.
      foreignKey('fk_assignment_role_id', ['role_id'], 'role', ['id'], { dialects: ['sqlite'] }),
    ],
    indexes: [index('ix_actor_id', ['actor_id'])],
    sqliteRebuilt: true,
  },
);

export const systemAssignmentTable = table(
  'system_assignment',
  [
    varchar('type', 64, { notNull: true }),
    varchar('actor_id', 64, { notNull: true }),
    varchar('target_id', 64, { notNull: true }),
    varchar('role_id', 64, { notNull: true }),
    boolean('inherited', { notNull: true }),
  ],
  { primaryKey: ['type', 'actor_id', 'target_id', 'role_id', 'inherited'] },
);

export const roleTable = table(
  'role',
  [
    varchar('id', 64, { primaryKey: true }),
    varchar('name', 255, { notNull: true }),
    text('extra'),
    varchar('domain_id', 64, { notNull: true, default: ROLE_NULL_DOMAIN_ID }),
    varchar('description', 255),
  ],
  { constraints: [unique('ixu_role_name_domain_id', ['name', 'domain_id'])] },
);

export const roleOptionTable = table('role_option', [
  varchar('role_id', 64, { primaryKey: true, references: { table: 'role', column: 'id', onDelete: 'CASCADE' } }),
  varchar('option_id', 4, { primaryKey: true }),
  text('option_value'),
]);

export const impliedRoleTable = table('implied_role', [
  varchar('prior_role_id', 64, {
    primaryKey: true,
    references: { table: 'role', column: 'id', name: 'implied_role_prior_role_id_fkey', onDelete: 'CASCADE' },
  }),
  varchar('implied_role_id', 64, {
    primaryKey: true,
    references: { table: 'role', column: 'id', name: 'implied_role_implied_role_id_fkey', onDelete: 'CASCADE' },
  }),
]);

export const assignmentTables = [
  assignmentTable,
  systemAssignmentTable,
  roleTable,
  roleOptionTable,
  impliedRoleTable,
] as const;
