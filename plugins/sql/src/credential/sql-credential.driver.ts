import { Conflict, NotFound, type CredentialDriver, type DriverHints, type StoredCredential } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { applyHintFilters } from '../common/knex-filters';
import { parseExtra } from '../common/sql-values';

const COLUMNS = ['id', 'user_id', 'project_id', 'type', 'key_hash', 'encrypted_blob'] as const;
const FILTERABLE: Readonly<Record<string, string>> = { id: 'id', user_id: 'user_id', project_id: 'project_id', type: 'type' };

/** Keystone's `credential` table; attributes that are not columns go to `extra` (JSON), as its ModelDictMixinWithExtras does. */
export class SqlCredentialDriver implements CredentialDriver {
  constructor(private readonly db: () => Knex) {}

  async createCredential(credential: StoredCredential): Promise<StoredCredential> {
    // Keystone names the duplicate by `name` when the body had one, else by id.
    if (await this.db()('credential').where({ id: credential.id }).first('id')) {
      const detail = typeof credential.name === 'string' ? `name ${credential.name}` : `ID ${credential.id}`;
      throw Conflict.duplicate('credential', `Duplicate entry found with ${detail}`);
    }
    await this.db()('credential').insert(toRow(credential));
    return this.getCredential(credential.id);
  }

  async listCredentials(hints: DriverHints): Promise<StoredCredential[]> {
    const q = this.db()('credential').orderBy('id');
    applyHintFilters(q as never, hints, FILTERABLE);
    if (hints.limit && hints.filters.length === 0) {
      // Fetch one more row than the limit so the caller can tell it was truncated.
      q.limit(hints.limit.limit + 1);
    }
    return (await q).map(fromRow);
  }

  async listCredentialsForUser(userId: string, type?: string | null): Promise<StoredCredential[]> {
    const q = this.db()('credential').where({ user_id: userId }).orderBy('id');
    if (type) q.andWhere({ type });
    return (await q).map(fromRow);
  }

  async getCredential(credentialId: string): Promise<StoredCredential> {
    const row = await this.db()('credential').where({ id: credentialId }).first();
    if (!row) throw NotFound.entity('credential', credentialId);
    return fromRow(row);
  }

  async updateCredential(credentialId: string, patch: Partial<StoredCredential>): Promise<StoredCredential> {
    const current = await this.getCredential(credentialId);
    const { id: _id, ...rest } = patch;
    const row = toRow({ ...current, ...rest, id: credentialId });
    delete row.id;
    await this.db()('credential').where({ id: credentialId }).update(row);
    return this.getCredential(credentialId);
  }

  async deleteCredential(credentialId: string): Promise<void> {
    if ((await this.db()('credential').where({ id: credentialId }).delete()) === 0) throw NotFound.entity('credential', credentialId);
  }

  async deleteCredentialsForProject(projectId: string): Promise<void> {
    await this.db()('credential').where({ project_id: projectId }).delete();
  }

  async deleteCredentialsForUser(userId: string): Promise<void> {
    await this.db()('credential').where({ user_id: userId }).delete();
  }
}

function toRow(c: StoredCredential): Record<string, unknown> {
  const extra = Object.fromEntries(Object.entries(c).filter(([k]) => !(COLUMNS as readonly string[]).includes(k) && k !== 'extra'));
  return {
    id: c.id,
    user_id: c.user_id,
    project_id: c.project_id ?? null,
    type: c.type,
    key_hash: c.key_hash,
    encrypted_blob: c.encrypted_blob,
    extra: JSON.stringify(extra),
  };
}

function fromRow(row: Record<string, unknown>): StoredCredential {
  return {
    ...parseExtra(row.extra),
    id: row.id as string,
    user_id: row.user_id as string,
    project_id: (row.project_id as string | null) ?? null,
    type: row.type as string,
    key_hash: row.key_hash as string,
    encrypted_blob: row.encrypted_blob as string,
  };
}
