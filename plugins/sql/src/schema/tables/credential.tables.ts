/**
 * Credentials: the encrypted credential store (EC2, TOTP, ...) and
 * application credentials with their roles and access rules.
 */
import { bigint, boolean, index, integer, table, text, unique, varchar } from '../schema-dsl';

export const credentialTable = table('credential', [
  varchar('id', 64, { primaryKey: true }),
  varchar('user_id', 64, { notNull: true }),
  varchar('project_id', 64),
  varchar('type', 255, { notNull: true }),
  text('extra'),
  // Fingerprint of the credential key that encrypted encrypted_blob.
  varchar('key_hash', 64, { notNull: true }),
  text('encrypted_blob', { notNull: true }),
]);

export const applicationCredentialTable = table(
  'application_credential',
  [
    // Surrogate key: the public `id` is only unique, so roles/rules hang off this.
    integer('internal_id', { primaryKey: true, autoIncrement: true }),
    varchar('id', 64, { notNull: true }),
    varchar('name', 255, { notNull: true }),
    varchar('secret_hash', 255, { notNull: true }),
    text('description'),
    varchar('user_id', 64, { notNull: true }),
    varchar('project_id', 64),
    // Microseconds since the epoch (Keystone's DateTimeInt).
    bigint('expires_at'),
    varchar('system', 64),
    boolean('unrestricted'),
  ],
  { constraints: [unique('duplicate_app_cred_constraint', ['user_id', 'name'])] },
);

export const accessRuleTable = table(
  'access_rule',
  [
    integer('id', { primaryKey: true, autoIncrement: true }),
    varchar('service', 64),
    varchar('path', 128),
    varchar('method', 16),
    varchar('external_id', 64),
    varchar('user_id', 64),
  ],
  {
    constraints: [
      unique('access_rule_external_id_key', ['external_id']),
      unique('duplicate_access_rule_for_user_constraint', ['user_id', 'service', 'path', 'method']),
    ],
    indexes: [index('user_id', ['user_id']), index('external_id', ['external_id'])],
  },
);

export const applicationCredentialRoleTable = table('application_credential_role', [
  integer('application_credential_id', {
    primaryKey: true,
    references: { table: 'application_credential', column: 'internal_id', onDelete: 'CASCADE' },
  }),
  varchar('role_id', 64, { primaryKey: true }),
]);

export const applicationCredentialAccessRuleTable = table('application_credential_access_rule', [
  integer('application_credential_id', {
    primaryKey: true,
    references: { table: 'application_credential', column: 'internal_id', onDelete: 'CASCADE' },
  }),
  integer('access_rule_id', {
    primaryKey: true,
    references: { table: 'access_rule', column: 'id', onDelete: 'CASCADE' },
  }),
]);

export const credentialTables = [
  credentialTable,
  applicationCredentialTable,
  accessRuleTable,
  applicationCredentialRoleTable,
  applicationCredentialAccessRuleTable,
] as const;
