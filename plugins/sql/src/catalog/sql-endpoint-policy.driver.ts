import { randomUUID } from 'node:crypto';
import {
  NotFound,
  type EndpointPolicyDriver,
  type PolicyAssociationRecord,
  type PolicyAssociationTarget,
  type PolicyRecord,
} from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { parseExtra } from '../common/sql-values';
import { assertFits } from './catalog-rows';

/**
 * Keystone's endpoint policy (OS-ENDPOINT-POLICY) over `policy_association`.
 * Its `id` column only gives the table a key (the real columns can be null)
 * and is never shown.
 */
export class SqlEndpointPolicyDriver implements EndpointPolicyDriver {
  constructor(private readonly db: () => Knex) {}

  async createPolicyAssociation(policyId: string, target: PolicyAssociationTarget): Promise<void> {
    assertFits('policy_association', { policy_id: policyId, ...columns(target) });
    await this.db().transaction(async (trx) => {
      const existing = await matching(trx('policy_association'), target).first('id');
      if (existing) await trx('policy_association').where({ id: existing.id }).update({ policy_id: policyId });
      else await trx('policy_association').insert({ id: randomUUID().replace(/-/g, ''), policy_id: policyId, ...columns(target) });
    });
  }

  async checkPolicyAssociation(policyId: string, target: PolicyAssociationTarget): Promise<void> {
    const row = await matching(this.db()('policy_association').where({ policy_id: policyId }), target).first('id');
    if (!row) throw new NotFound('Could not find policy association.');
  }

  async deletePolicyAssociation(policyId: string, target: PolicyAssociationTarget): Promise<void> {
    await matching(this.db()('policy_association').where({ policy_id: policyId }), target).delete();
  }

  async getPolicyAssociation(target: PolicyAssociationTarget): Promise<string | null> {
    const row = await matching(this.db()('policy_association'), target).first('policy_id');
    return row ? (row.policy_id as string) : null;
  }

  async listAssociationsForPolicy(policyId: string): Promise<PolicyAssociationRecord[]> {
    const rows = await this.db()('policy_association').where({ policy_id: policyId }).select('policy_id', 'endpoint_id', 'region_id', 'service_id');
    return rows.map((r) => ({
      policy_id: r.policy_id as string,
      endpoint_id: (r.endpoint_id as string | null) ?? null,
      region_id: (r.region_id as string | null) ?? null,
      service_id: (r.service_id as string | null) ?? null,
    }));
  }

  async deleteAssociationsByEndpoint(endpointId: string): Promise<void> {
    await this.db()('policy_association').where({ endpoint_id: endpointId }).delete();
  }
  async deleteAssociationsByService(serviceId: string): Promise<void> {
    await this.db()('policy_association').where({ service_id: serviceId }).delete();
  }
  async deleteAssociationsByRegion(regionId: string): Promise<void> {
    await this.db()('policy_association').where({ region_id: regionId }).delete();
  }
  async deleteAssociationsByPolicy(policyId: string): Promise<void> {
    await this.db()('policy_association').where({ policy_id: policyId }).delete();
  }

  /**
   * Keystone's PolicyModel stores `blob` JSON-encoded (a JSON string holding
   * the blob text) with extras flattened. Text that does not decode to a
   * string was stored as is, and is shown as is.
   */
  async getPolicy(policyId: string): Promise<PolicyRecord> {
    const row = await this.db()('policy').where({ id: policyId }).first();
    if (!row) throw NotFound.entity('policy', policyId);
    return { ...parseExtra(row.extra), id: row.id as string, blob: decodeBlob(row.blob), type: row.type as string };
  }
}

function decodeBlob(stored: unknown): unknown {
  if (typeof stored !== 'string') return stored;
  try {
    const decoded: unknown = JSON.parse(stored);
    return typeof decoded === 'string' ? decoded : stored;
  } catch {
    return stored;
  }
}

function columns(t: PolicyAssociationTarget): Record<string, string | null> {
  return { endpoint_id: t.endpoint_id, service_id: t.service_id, region_id: t.region_id };
}

/** `column = value`, or `IS NULL` for an absent part, as SQLAlchemy renders `== None`. */
function matching(q: Knex.QueryBuilder, t: PolicyAssociationTarget): Knex.QueryBuilder {
  for (const [col, v] of Object.entries(columns(t))) {
    if (v === null) q.whereNull(col);
    else q.where(col, v);
  }
  return q;
}
