/**
 * Identity: users (local, non-local, federated shadow users live in
 * federation.tables.ts), passwords, groups, memberships, user options and the
 * public-id mapping used by domain-specific backends.
 */
import {
  bigint,
  boolean,
  column,
  date,
  datetime,
  foreignKey,
  index,
  integer,
  table,
  text,
  types,
  unique,
  varchar,
} from '../schema-dsl';

export const userTable = table(
  'user',
  [
    varchar('id', 64, { primaryKey: true }),
    text('extra'),
    boolean('enabled'),
    varchar('default_project_id', 64),
    datetime('created_at'),
    date('last_active_at'),
    varchar('domain_id', 64, { notNull: true }),
  ],
  {
    // (id, domain_id) is unique so local_user/nonlocal_user can reference both.
    constraints: [unique('ixu_user_id_domain_id', ['id', 'domain_id'])],
    indexes: [index('ix_default_project_id', ['default_project_id'])],
  },
);

export const localUserTable = table(
  'local_user',
  [
    integer('id', { primaryKey: true, autoIncrement: true }),
    varchar('user_id', 64, { notNull: true, unique: true }),
    varchar('domain_id', 64, { notNull: true }),
    varchar('name', 255, { notNull: true }),
    integer('failed_auth_count'),
    datetime('failed_auth_at'),
  ],
  {
    constraints: [
      foreignKey('local_user_user_id_fkey', ['user_id', 'domain_id'], 'user', ['id', 'domain_id'], {
        onDelete: 'CASCADE',
        onUpdate: 'CASCADE',
      }),
      unique(null, ['domain_id', 'name']),
    ],
  },
);

export const nonlocalUserTable = table(
  'nonlocal_user',
  [
    varchar('domain_id', 64, { primaryKey: true }),
    varchar('name', 255, { primaryKey: true }),
    varchar('user_id', 64, { notNull: true }),
  ],
  {
    constraints: [
      foreignKey('nonlocal_user_user_id_fkey', ['user_id', 'domain_id'], 'user', ['id', 'domain_id'], {
        onDelete: 'CASCADE',
        onUpdate: 'CASCADE',
      }),
      unique('ixu_nonlocal_user_user_id', ['user_id']),
    ],
  },
);

export const passwordTable = table('password', [
  integer('id', { primaryKey: true, autoIncrement: true }),
  integer('local_user_id', {
    notNull: true,
    references: { table: 'local_user', column: 'id', onDelete: 'CASCADE' },
  }),
  datetime('expires_at'),
  boolean('self_service', { notNull: true, default: '0' }),
  varchar('password_hash', 255),
  // Microsecond timestamps as integers (Keystone's DateTimeInt) alongside the
  // older DATETIME columns.
  bigint('created_at_int', { notNull: true, default: '0' }),
  bigint('expires_at_int'),
  datetime('created_at', { notNull: true }),
]);

export const groupTable = table(
  'group',
  [
    varchar('id', 64, { primaryKey: true }),
    varchar('domain_id', 64, { notNull: true }),
    varchar('name', 64, { notNull: true }),
    text('description'),
    text('extra'),
  ],
  { constraints: [unique('ixu_group_name_domain_id', ['domain_id', 'name'])] },
);

export const userGroupMembershipTable = table(
  'user_group_membership',
  [
    varchar('user_id', 64, {
      primaryKey: true,
      references: { table: 'user', column: 'id', name: 'fk_user_group_membership_user_id' },
    }),
    varchar('group_id', 64, {
      primaryKey: true,
      references: { table: 'group', column: 'id', name: 'fk_user_group_membership_group_id' },
    }),
  ],
  // Historical name kept by Keystone (not ix_...), so it must be kept here too.
  { indexes: [index('group_id', ['group_id'])] },
);

export const userOptionTable = table('user_option', [
  varchar('user_id', 64, {
    primaryKey: true,
    references: { table: 'user', column: 'id', onDelete: 'CASCADE' },
  }),
  varchar('option_id', 4, { primaryKey: true }),
  text('option_value'),
]);

/** Public IDs handed out for users/groups of domain-specific (e.g. LDAP) backends. */
export const idMappingTable = table(
  'id_mapping',
  [
    varchar('public_id', 64, { primaryKey: true }),
    varchar('domain_id', 64, { notNull: true }),
    varchar('local_id', 255, { notNull: true }),
    column('entity_type', types.enumOf('entity_type', ['user', 'group']), { notNull: true }),
  ],
  // Keystone really names this constraint just "domain_id".
  { constraints: [unique('domain_id', ['domain_id', 'local_id', 'entity_type'])] },
);

export const identityTables = [
  userTable,
  localUserTable,
  nonlocalUserTable,
  passwordTable,
  groupTable,
  userGroupMembershipTable,
  userOptionTable,
  idMappingTable,
] as const;
