/**
 * OAuth 1.0a delegation (the OS-OAUTH1 extension): consumers and the request
 * and access tokens issued to them.
 */
import { index, table, text, varchar } from '../schema-dsl';

export const consumerTable = table('consumer', [
  varchar('id', 64, { primaryKey: true }),
  varchar('description', 64),
  varchar('secret', 64, { notNull: true }),
  text('extra', { notNull: true }),
]);

export const requestTokenTable = table(
  'request_token',
  [
    varchar('id', 64, { primaryKey: true }),
    varchar('request_secret', 64, { notNull: true }),
    varchar('verifier', 64),
    varchar('authorizing_user_id', 64),
    varchar('requested_project_id', 64, { notNull: true }),
    text('role_ids'),
    varchar('consumer_id', 64, { notNull: true, references: { table: 'consumer', column: 'id' } }),
    // An ISO 8601 string, not a DATETIME, in Keystone's schema.
    varchar('expires_at', 64),
  ],
  { indexes: [index('ix_request_token_consumer_id', ['consumer_id'])] },
);

export const accessTokenTable = table(
  'access_token',
  [
    varchar('id', 64, { primaryKey: true }),
    varchar('access_secret', 64, { notNull: true }),
    varchar('authorizing_user_id', 64, { notNull: true }),
    varchar('project_id', 64, { notNull: true }),
    text('role_ids', { notNull: true }),
    varchar('consumer_id', 64, { notNull: true, references: { table: 'consumer', column: 'id' } }),
    varchar('expires_at', 64),
  ],
  {
    indexes: [
      index('ix_access_token_authorizing_user_id', ['authorizing_user_id']),
      index('ix_access_token_consumer_id', ['consumer_id']),
    ],
  },
);

export const oauth1Tables = [consumerTable, requestTokenTable, accessTokenTable] as const;
