import type { PersistedToken, TokenPayload, TokenPersistenceDriver } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { fromDbBool, fromDbDate, parseExtra, toDbBool, toDbDate, type Dialect } from '../common/sql-values';

/**
 * Keystone's `token` table (id, expires, extra, valid, trust_id, user_id) for
 * providers whose ids are not self-contained. `extra` holds the payload as JSON.
 */
export class SqlTokenPersistenceDriver implements TokenPersistenceDriver {
  constructor(
    private readonly db: () => Knex,
    private readonly dialect: Dialect,
  ) {}

  async create(token: Omit<PersistedToken, 'valid'>): Promise<void> {
    await this.db()('token').insert({
      id: token.id,
      expires: toDbDate(this.dialect, token.expiresAt),
      extra: JSON.stringify({ payload: token.payload }),
      valid: toDbBool(this.dialect, true),
      trust_id: token.trustId,
      user_id: token.userId,
    });
  }

  async get(id: string): Promise<PersistedToken | null> {
    const row = (await this.db()('token').where({ id }).first()) as Record<string, unknown> | undefined;
    if (!row) return null;
    return {
      id,
      expiresAt: fromDbDate(row.expires)!,
      userId: row.user_id as string,
      trustId: (row.trust_id as string | null) ?? null,
      payload: parseExtra(row.extra).payload as TokenPayload,
      valid: fromDbBool(row.valid) === true,
    };
  }

  async invalidate(id: string): Promise<void> {
    await this.db()('token').where({ id }).update({ valid: toDbBool(this.dialect, false) });
  }

  async flushExpired(now: Date): Promise<number> {
    return this.db()('token').where('expires', '<', toDbDate(this.dialect, now) as string).delete();
  }
}
