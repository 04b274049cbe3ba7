import { Conflict, Forbidden, NotFound, type TrustDriver, type TrustListFilter, type TrustRecord } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { isUniqueViolation } from '../resource/project-rows';
import { fromDbBool, fromDbDate, parseExtra, toDateInt, toDbBool, toDbDate, type Dialect } from '../common/sql-values';

const COLUMNS = new Set([
  'id', 'trustor_user_id', 'trustee_user_id', 'project_id', 'impersonation', 'expires_at',
  'remaining_uses', 'deleted_at', 'redelegated_trust_id', 'redelegation_count', 'roles',
]);

/** Optimistic attempts at taking one use before giving up, as Keystone's consume_use. */
const CONSUME_ATTEMPTS = 10;

/**
 * Keystone's `trust` and `trust_role` tables. Deletion is soft (deleted_at);
 * expires_at is written to both the DateTime and the DateTimeInt column, as
 * Keystone's hybrid property does, and read from the int first.
 */
export class SqlTrustDriver implements TrustDriver {
  constructor(
    private readonly db: () => Knex,
    private readonly dialect: Dialect,
  ) {}

  async createTrust(trust: TrustRecord, roleIds: readonly string[]): Promise<TrustRecord> {
    const row = {
      id: trust.id,
      trustor_user_id: trust.trustor_user_id,
      trustee_user_id: trust.trustee_user_id,
      project_id: trust.project_id,
      impersonation: toDbBool(this.dialect, trust.impersonation),
      expires_at: toDbDate(this.dialect, trust.expires_at),
      expires_at_int: trust.expires_at ? toDateInt(trust.expires_at) : null,
      remaining_uses: trust.remaining_uses,
      deleted_at: null,
      redelegated_trust_id: trust.redelegated_trust_id,
      redelegation_count: trust.redelegation_count,
      extra: JSON.stringify(extraOf(trust)),
    };
    try {
      await this.db().transaction(async (trx) => {
        await trx('trust').insert(row);
        const unique = [...new Set(roleIds)];
        if (unique.length > 0) await trx('trust_role').insert(unique.map((role_id) => ({ trust_id: trust.id, role_id })));
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw Conflict.duplicate('trust', 'Duplicate entry');
      throw e;
    }
    return this.getTrust(trust.id);
  }

  async getTrust(trustId: string, opts: { includeDeleted?: boolean } = {}): Promise<TrustRecord> {
    const q = this.db()('trust').where({ id: trustId });
    if (!opts.includeDeleted) q.whereNull('deleted_at');
    const row = await q.first();
    if (!row) throw NotFound.entity('trust', trustId);
    const roles = await this.db()('trust_role').where({ trust_id: trustId }).orderBy('role_id').select('role_id');
    return { ...toTrust(row), roles: roles.map((r: { role_id: string }) => ({ id: r.role_id })) };
  }

  async listTrusts(filter: TrustListFilter): Promise<TrustRecord[]> {
    const q = this.db()('trust').whereNull('deleted_at').orderBy('id');
    if (filter.trustorUserId !== undefined) q.where('trustor_user_id', filter.trustorUserId);
    if (filter.trusteeUserId !== undefined) q.where('trustee_user_id', filter.trusteeUserId);
    if (filter.redelegatedTrustId !== undefined) q.where('redelegated_trust_id', filter.redelegatedTrustId);
    if (filter.projectId !== undefined) q.where('project_id', filter.projectId);
    return (await q).map(toTrust);
  }

  async consumeUse(trustId: string): Promise<void> {
    for (let attempt = 0; attempt < CONSUME_ATTEMPTS; attempt++) {
      const row = await this.db()('trust').where({ id: trustId }).whereNull('deleted_at').first('remaining_uses');
      if (!row) throw NotFound.entity('trust', trustId);
      const remaining = row.remaining_uses === null || row.remaining_uses === undefined ? null : Number(row.remaining_uses);
      if (remaining === null) return;
      if (remaining <= 0) throw new Forbidden(`No remaining uses for trust: ${trustId}.`);
      // Only the writer that saw this count wins; a concurrent one retries with the new count.
      const changed = await this.db()('trust')
        .where({ id: trustId, remaining_uses: remaining })
        .whereNull('deleted_at')
        .update({ remaining_uses: remaining - 1 });
      if (changed === 1) return;
    }
    throw new Error(`Unable to consume trust ${trustId}: unable to acquire lock.`);
  }

  async deleteTrust(trustId: string): Promise<void> {
    const changed = await this.db()('trust')
      .where({ id: trustId })
      .update({ deleted_at: toDbDate(this.dialect, new Date()) });
    if (changed === 0) throw NotFound.entity('trust', trustId);
  }
}

function toTrust(row: Record<string, unknown>): TrustRecord {
  const expiresInt = row.expires_at_int === null || row.expires_at_int === undefined ? null : Number(row.expires_at_int);
  return {
    ...parseExtra(row.extra),
    id: row.id as string,
    trustor_user_id: row.trustor_user_id as string,
    trustee_user_id: row.trustee_user_id as string,
    project_id: (row.project_id as string | null) ?? null,
    impersonation: fromDbBool(row.impersonation) ?? false,
    expires_at: expiresInt !== null ? new Date(Math.floor(expiresInt / 1000)) : fromDbDate(row.expires_at),
    remaining_uses: row.remaining_uses === null || row.remaining_uses === undefined ? null : Number(row.remaining_uses),
    deleted_at: fromDbDate(row.deleted_at),
    redelegated_trust_id: (row.redelegated_trust_id as string | null) ?? null,
    redelegation_count: row.redelegation_count === null || row.redelegation_count === undefined ? null : Number(row.redelegation_count),
  };
}

function extraOf(t: TrustRecord): Record<string, unknown> {
  return Object.fromEntries(Object.entries(t).filter(([k]) => !COLUMNS.has(k)));
}
