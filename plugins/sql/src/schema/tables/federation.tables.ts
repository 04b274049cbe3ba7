/**
 * Federation: identity providers and their remote ids, mappings, protocols,
 * service providers (Keystone-to-Keystone), federated shadow users and the
 * group memberships those users get from mapping (which expire).
 */
import { boolean, datetime, foreignKey, integer, table, text, unique, varchar } from '../schema-dsl';

/**
 * Keystone takes this server default from [saml] relay_state_prefix at the time
 * of its first db_sync; that option's default is what a fresh install records.
 */
export const RELAY_STATE_PREFIX_DEFAULT = 'ss:mem:';

export const identityProviderTable = table('identity_provider', [
  varchar('id', 64, { primaryKey: true }),
  boolean('enabled', { notNull: true }),
  text('description'),
  varchar('domain_id', 64, { notNull: true }),
  integer('authorization_ttl'),
]);

export const idpRemoteIdsTable = table('idp_remote_ids', [
  // Nullable although it is the owner: that is how Keystone's schema has it.
  varchar('idp_id', 64, { references: { table: 'identity_provider', column: 'id', onDelete: 'CASCADE' } }),
  varchar('remote_id', 255, { primaryKey: true }),
]);

export const mappingTable = table('mapping', [
  varchar('id', 64, { primaryKey: true }),
  text('rules', { notNull: true }),
]);

export const federationProtocolTable = table('federation_protocol', [
  varchar('id', 64, { primaryKey: true }),
  varchar('idp_id', 64, {
    primaryKey: true,
    references: { table: 'identity_provider', column: 'id', onDelete: 'CASCADE' },
  }),
  varchar('mapping_id', 64, { notNull: true }),
  varchar('remote_id_attribute', 64),
]);

export const serviceProviderTable = table('service_provider', [
  varchar('auth_url', 256, { notNull: true }),
  varchar('id', 64, { primaryKey: true }),
  boolean('enabled', { notNull: true }),
  text('description'),
  varchar('sp_url', 256, { notNull: true }),
  varchar('relay_state_prefix', 256, { notNull: true, default: RELAY_STATE_PREFIX_DEFAULT }),
]);

export const federatedUserTable = table(
  'federated_user',
  [
    integer('id', { primaryKey: true, autoIncrement: true }),
    varchar('user_id', 64, { notNull: true, references: { table: 'user', column: 'id', onDelete: 'CASCADE' } }),
    varchar('idp_id', 64, {
      notNull: true,
      references: { table: 'identity_provider', column: 'id', onDelete: 'CASCADE' },
    }),
    varchar('protocol_id', 64, { notNull: true }),
    varchar('unique_id', 255, { notNull: true }),
    varchar('display_name', 255),
  ],
  {
    constraints: [
      foreignKey(
        'federated_user_protocol_id_fkey',
        ['protocol_id', 'idp_id'],
        'federation_protocol',
        ['id', 'idp_id'],
        { onDelete: 'CASCADE' },
      ),
      unique(null, ['idp_id', 'protocol_id', 'unique_id']),
    ],
  },
);

export const expiringUserGroupMembershipTable = table('expiring_user_group_membership', [
  varchar('user_id', 64, { primaryKey: true, references: { table: 'user', column: 'id' } }),
  varchar('group_id', 64, { primaryKey: true, references: { table: 'group', column: 'id' } }),
  varchar('idp_id', 64, {
    primaryKey: true,
    references: { table: 'identity_provider', column: 'id', onDelete: 'CASCADE' },
  }),
  datetime('last_verified', { notNull: true }),
]);

export const federationTables = [
  identityProviderTable,
  idpRemoteIdsTable,
  mappingTable,
  federationProtocolTable,
  serviceProviderTable,
  federatedUserTable,
  expiringUserGroupMembershipTable,
] as const;
