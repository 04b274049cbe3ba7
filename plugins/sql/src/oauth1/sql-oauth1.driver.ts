import { Conflict, NotFound, type AccessTokenRecord, type ConsumerRecord, type OAuth1Driver, type RequestTokenRecord } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { parseExtra } from '../common/sql-values';

type Row = Record<string, unknown>;
const CONSUMER_COLUMNS = new Set(['id', 'description', 'secret', 'extra']);

/**
 * Keystone's consumer, request_token and access_token tables. Role ids are a
 * JSON list in a TEXT column and expiries ISO strings, as Keystone writes them.
 */
export class SqlOAuth1Driver implements OAuth1Driver {
  constructor(private readonly db: () => Knex) {}

  async createConsumer(consumer: ConsumerRecord & { secret: string }): Promise<ConsumerRecord> {
    if (await this.db()('consumer').where({ id: consumer.id }).first('id')) throw Conflict.duplicate('consumer', `Duplicate ID, ${consumer.id}`);
    await this.db()('consumer').insert({
      id: consumer.id,
      description: consumer.description ?? null,
      secret: consumer.secret,
      extra: JSON.stringify(extraOf(consumer)),
    });
    return this.getConsumerWithSecret(consumer.id);
  }

  async getConsumer(consumerId: string): Promise<ConsumerRecord> {
    const { secret: _secret, ...rest } = await this.getConsumerWithSecret(consumerId);
    return rest;
  }

  async getConsumerWithSecret(consumerId: string): Promise<ConsumerRecord & { secret: string }> {
    const row = await this.db()('consumer').where({ id: consumerId }).first();
    if (!row) throw new NotFound('Consumer not found');
    return { ...toConsumer(row), secret: row.secret as string };
  }

  async listConsumers(): Promise<ConsumerRecord[]> {
    return (await this.db()('consumer').orderBy('id')).map(toConsumer);
  }

  async updateConsumer(consumerId: string, patch: Record<string, unknown>): Promise<ConsumerRecord> {
    const row = await this.db()('consumer').where({ id: consumerId }).first();
    if (!row) throw new NotFound('Consumer not found');
    const update: Row = { extra: JSON.stringify({ ...parseExtra(row.extra), ...extraOf(patch) }) };
    if ('description' in patch) update.description = patch.description ?? null;
    await this.db()('consumer').where({ id: consumerId }).update(update);
    return this.getConsumer(consumerId);
  }

  async deleteConsumer(consumerId: string): Promise<void> {
    await this.db().transaction(async (trx) => {
      if (!(await trx('consumer').where({ id: consumerId }).first('id'))) throw new NotFound('Consumer not found');
      await trx('request_token').where({ consumer_id: consumerId }).delete();
      await trx('access_token').where({ consumer_id: consumerId }).delete();
      await trx('consumer').where({ id: consumerId }).delete();
    });
  }

  async createRequestToken(token: RequestTokenRecord): Promise<RequestTokenRecord> {
    await this.db()('request_token').insert({ ...token, role_ids: token.role_ids === null ? null : encodeRoleIds(token.role_ids) });
    return this.getRequestToken(token.id);
  }

  async getRequestToken(requestTokenId: string): Promise<RequestTokenRecord> {
    const row = await this.db()('request_token').where({ id: requestTokenId }).first();
    if (!row) throw new NotFound('Request token not found');
    return toRequestToken(row);
  }

  async authorizeRequestToken(requestTokenId: string, a: { userId: string; roleIds: string[]; verifier: string }): Promise<RequestTokenRecord> {
    const n = await this.db()('request_token')
      .where({ id: requestTokenId })
      .update({ authorizing_user_id: a.userId, role_ids: encodeRoleIds(a.roleIds), verifier: a.verifier });
    if (n === 0) throw new NotFound('Request token not found');
    return this.getRequestToken(requestTokenId);
  }

  async exchangeRequestToken(requestTokenId: string, accessToken: AccessTokenRecord): Promise<AccessTokenRecord> {
    await this.db().transaction(async (trx) => {
      // The delete decides who wins when the same request token is exchanged twice at once.
      if ((await trx('request_token').where({ id: requestTokenId }).delete()) === 0) throw new NotFound('Request token not found');
      await trx('access_token').insert({ ...accessToken, role_ids: encodeRoleIds(accessToken.role_ids) });
    });
    return this.getAccessToken(accessToken.id);
  }

  async getAccessToken(accessTokenId: string): Promise<AccessTokenRecord> {
    const row = await this.db()('access_token').where({ id: accessTokenId }).first();
    if (!row) throw new NotFound('Access token not found');
    return toAccessToken(row);
  }

  async listAccessTokens(userId: string): Promise<AccessTokenRecord[]> {
    return (await this.db()('access_token').where({ authorizing_user_id: userId }).orderBy('id')).map(toAccessToken);
  }

  async deleteAccessToken(accessTokenId: string): Promise<void> {
    if ((await this.db()('access_token').where({ id: accessTokenId }).delete()) === 0) throw new NotFound('Access token not found');
  }
}

function extraOf(p: Record<string, unknown>): Row {
  return Object.fromEntries(Object.entries(p).filter(([k]) => !CONSUMER_COLUMNS.has(k)));
}

function toConsumer(row: Row): ConsumerRecord {
  return { ...parseExtra(row.extra), id: row.id as string, description: (row.description as string | null) ?? null };
}

/** Python's json.dumps of a list of strings, so rows match Keystone's byte for byte. */
function encodeRoleIds(ids: readonly string[]): string {
  return `[${ids.map((id) => JSON.stringify(id)).join(', ')}]`;
}

function decodeRoleIds(v: unknown): string[] | null {
  if (v === null || v === undefined || v === '') return null;
  try {
    const parsed = JSON.parse(String(v)) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : null;
  } catch {
    return null;
  }
}

function toRequestToken(row: Row): RequestTokenRecord {
  return {
    id: row.id as string,
    request_secret: row.request_secret as string,
    verifier: (row.verifier as string | null) ?? null,
    authorizing_user_id: (row.authorizing_user_id as string | null) ?? null,
    requested_project_id: row.requested_project_id as string,
    role_ids: decodeRoleIds(row.role_ids),
    consumer_id: row.consumer_id as string,
    expires_at: (row.expires_at as string | null) ?? null,
  };
}

function toAccessToken(row: Row): AccessTokenRecord {
  return {
    id: row.id as string,
    access_secret: row.access_secret as string,
    authorizing_user_id: row.authorizing_user_id as string,
    project_id: row.project_id as string,
    role_ids: decodeRoleIds(row.role_ids) ?? [],
    consumer_id: row.consumer_id as string,
    expires_at: (row.expires_at as string | null) ?? null,
  };
}
