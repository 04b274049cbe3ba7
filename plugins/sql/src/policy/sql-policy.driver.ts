import { Conflict, NotFound, type DriverHints, type PolicyDriver, type PolicyBlobRecord } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { applyHintFilters } from '../common/knex-filters';
import { parseExtra } from '../common/sql-values';

const COLUMNS = new Set(['id', 'type', 'blob']);

/** Keystone's `policy` table: id, type, blob (JSON-encoded, as Keystone's JsonBlob) and the rest in `extra`. */
export class SqlPolicyDriver implements PolicyDriver {
  constructor(private readonly db: () => Knex) {}

  async createPolicy(policy: PolicyBlobRecord): Promise<PolicyBlobRecord> {
    if (await this.db()('policy').where({ id: policy.id }).first('id')) throw Conflict.duplicate('policy', `Duplicate ID, ${policy.id}`);
    await this.db()('policy').insert({ id: policy.id, type: policy.type, blob: JSON.stringify(policy.blob), extra: JSON.stringify(extraOf(policy)) });
    return this.getPolicy(policy.id);
  }

  async listPolicies(hints: DriverHints): Promise<PolicyBlobRecord[]> {
    const q = this.db()('policy').orderBy('id');
    applyHintFilters(q as never, hints, { id: 'id', type: 'type' });
    return (await q).map(toPolicy);
  }

  async getPolicy(policyId: string): Promise<PolicyBlobRecord> {
    const row = await this.db()('policy').where({ id: policyId }).first();
    if (!row) throw NotFound.entity('policy', policyId);
    return toPolicy(row);
  }

  async updatePolicy(policyId: string, patch: Partial<PolicyBlobRecord>): Promise<PolicyBlobRecord> {
    const row = await this.db()('policy').where({ id: policyId }).first();
    if (!row) throw NotFound.entity('policy', policyId);
    const update: Record<string, unknown> = { extra: JSON.stringify({ ...parseExtra(row.extra), ...extraOf(patch) }) };
    if (patch.type !== undefined) update.type = patch.type;
    if (patch.blob !== undefined) update.blob = JSON.stringify(patch.blob);
    await this.db()('policy').where({ id: policyId }).update(update);
    return this.getPolicy(policyId);
  }

  async deletePolicy(policyId: string): Promise<void> {
    if ((await this.db()('policy').where({ id: policyId }).delete()) === 0) throw NotFound.entity('policy', policyId);
  }
}

function toPolicy(row: Record<string, unknown>): PolicyBlobRecord {
  return { ...parseExtra(row.extra), id: row.id as string, type: row.type as string, blob: decodeBlob(row.blob) };
}

/** Keystone's JsonBlob column: the API string is stored JSON-encoded. Rows written raw are read as they are. */
function decodeBlob(v: unknown): string {
  if (typeof v !== 'string') return String(v);
  try {
    const parsed = JSON.parse(v) as unknown;
    return typeof parsed === 'string' ? parsed : v;
  } catch {
    return v;
  }
}

function extraOf(p: Partial<PolicyBlobRecord>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(p).filter(([k]) => !COLUMNS.has(k)));
}
