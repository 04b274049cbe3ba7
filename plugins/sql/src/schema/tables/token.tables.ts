/**
 * Tokens and what limits them: the persisted-token table (kept for the sql
 * token persistence driver), revocation events, and trusts with their roles.
 */
import { bigint, boolean, datetime, index, integer, table, text, unique, varchar } from '../schema-dsl';

export const tokenTable = table(
  'token',
  [
    varchar('id', 64, { primaryKey: true }),
    datetime('expires'),
    text('extra'),
    boolean('valid', { notNull: true }),
    varchar('trust_id', 64),
    varchar('user_id', 64),
  ],
  {
    indexes: [
      index('ix_token_expires', ['expires']),
      index('ix_token_expires_valid', ['expires', 'valid']),
      index('ix_token_user_id', ['user_id']),
      index('ix_token_trust_id', ['trust_id']),
    ],
  },
);

export const revocationEventTable = table(
  'revocation_event',
  [
    integer('id', { primaryKey: true, autoIncrement: true }),
    varchar('domain_id', 64),
    varchar('project_id', 64),
    varchar('user_id', 64),
    varchar('role_id', 64),
    varchar('trust_id', 64),
    varchar('consumer_id', 64),
    varchar('access_token_id', 64),
    datetime('issued_before', { notNull: true }),
    datetime('expires_at'),
    datetime('revoked_at', { notNull: true }),
    varchar('audit_id', 32),
    varchar('audit_chain_id', 32),
  ],
  {
    indexes: [
      // "_new_" because Keystone once rebuilt this table as revocation_event_new
      // and the index kept the temporary table's name.
      index('ix_revocation_event_new_revoked_at', ['revoked_at']),
      index('ix_revocation_event_issued_before', ['issued_before']),
      index('ix_revocation_event_project_id_issued_before', ['project_id', 'issued_before']),
      index('ix_revocation_event_user_id_issued_before', ['user_id', 'issued_before']),
      index('ix_revocation_event_audit_id_issued_before', ['audit_id', 'issued_before']),
    ],
  },
);

export const trustTable = table(
  'trust',
  [
    varchar('id', 64, { primaryKey: true }),
    varchar('trustor_user_id', 64, { notNull: true }),
    varchar('trustee_user_id', 64, { notNull: true }),
    varchar('project_id', 64),
    boolean('impersonation', { notNull: true }),
    datetime('deleted_at'),
    datetime('expires_at'),
    integer('remaining_uses'),
    text('extra'),
    bigint('expires_at_int'),
    varchar('redelegated_trust_id', 64),
    integer('redelegation_count'),
  ],
  {
    constraints: [
      unique('duplicate_trust_constraint_expanded', [
        'trustor_user_id',
        'trustee_user_id',
        'project_id',
        'impersonation',
        'expires_at',
        'expires_at_int',
      ]),
    ],
  },
);

export const trustRoleTable = table('trust_role', [
  varchar('trust_id', 64, { primaryKey: true }),
  varchar('role_id', 64, { primaryKey: true }),
]);

export const tokenTables = [tokenTable, revocationEventTable, trustTable, trustRoleTable] as const;
