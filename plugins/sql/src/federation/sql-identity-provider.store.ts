import {
  Conflict,
  NotFound,
  type DriverHints,
  type FederationProtocolPatch,
  type FederationProtocolRecord,
  type IdentityProviderPatch,
  type IdentityProviderRecord,
} from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { applyHintFilters } from '../common/knex-filters';
import { isUniqueViolation } from '../resource/project-rows';
import { toDbBool, type Dialect } from '../common/sql-values';
import { assertFits, toIdp, toProtocol } from './federation-rows';

const IDP_FILTER_COLUMNS = { id: 'id', enabled: 'enabled', domain_id: 'domain_id' };

function idpNotFound(idpId: string): NotFound {
  return new NotFound(`Could not find Identity Provider: ${idpId}.`);
}

function protocolNotFound(idpId: string, protocolId: string): NotFound {
  return new NotFound(`Could not find federated protocol ${protocolId} for Identity Provider: ${idpId}.`);
}

/** Identity providers (`identity_provider`), their remote ids (`idp_remote_ids`) and protocols (`federation_protocol`). */
export class SqlIdentityProviderStore {
  constructor(
    private readonly db: () => Knex,
    private readonly dialect: Dialect,
  ) {}

  async create(idp: IdentityProviderRecord): Promise<IdentityProviderRecord> {
    assertFits('identity_provider', idp as never);
    assertFits('idp_remote_ids', { remote_id: idp.remote_ids });
    await this.write(async (trx) => {
      if (await trx('identity_provider').where({ id: idp.id }).first('id')) {
        throw Conflict.duplicate('identity_provider', `Duplicate entry: ${idp.id}`);
      }
      await this.assertRemoteIdsFree(trx, idp.id, idp.remote_ids);
      await trx('identity_provider').insert({
        id: idp.id,
        enabled: toDbBool(this.dialect, idp.enabled),
        description: idp.description,
        domain_id: idp.domain_id,
        authorization_ttl: idp.authorization_ttl,
      });
      await this.insertRemoteIds(trx, idp.id, idp.remote_ids);
    });
    return this.get(idp.id);
  }

  /** One query for the providers, one for all their remote ids. */
  async list(hints: DriverHints): Promise<IdentityProviderRecord[]> {
    const q = this.db()('identity_provider').select('*').orderBy('id');
    applyHintFilters(q as never, hints, IDP_FILTER_COLUMNS, (n, v) => (n === 'enabled' ? toDbBool(this.dialect, v as boolean) : v));
    const rows = (await q) as Record<string, unknown>[];
    if (rows.length === 0) return [];
    const remote = (await this.db()('idp_remote_ids').select('idp_id', 'remote_id')) as { idp_id: string; remote_id: string }[];
    const byIdp = new Map<string, string[]>();
    for (const r of remote) byIdp.set(r.idp_id, [...(byIdp.get(r.idp_id) ?? []), r.remote_id]);
    return rows.map((row) => toIdp(row, byIdp.get(row.id as string) ?? []));
  }

  async get(idpId: string, db: Knex | Knex.Transaction = this.db()): Promise<IdentityProviderRecord> {
    const row = await db('identity_provider').where({ id: idpId }).first();
    if (!row) throw idpNotFound(idpId);
    const remote = (await db('idp_remote_ids').where({ idp_id: idpId }).select('remote_id')) as { remote_id: string }[];
    return toIdp(row, remote.map((r) => r.remote_id));
  }

  async getFromRemoteId(remoteId: string): Promise<IdentityProviderRecord> {
    const row = (await this.db()('idp_remote_ids').where({ remote_id: remoteId }).first('idp_id')) as { idp_id: string | null } | undefined;
    if (!row?.idp_id) throw idpNotFound(remoteId);
    return this.get(row.idp_id);
  }

  async update(idpId: string, patch: IdentityProviderPatch): Promise<IdentityProviderRecord> {
    if (patch.remote_ids) assertFits('idp_remote_ids', { remote_id: patch.remote_ids });
    await this.write(async (trx) => {
      await this.get(idpId, trx);
      const cols: Record<string, unknown> = {};
      if (patch.enabled !== undefined) cols.enabled = toDbBool(this.dialect, patch.enabled);
      if (patch.description !== undefined) cols.description = patch.description;
      if (patch.authorization_ttl !== undefined) cols.authorization_ttl = patch.authorization_ttl;
      if (Object.keys(cols).length > 0) await trx('identity_provider').where({ id: idpId }).update(cols);
      if (patch.remote_ids !== undefined) {
        const remoteIds = patch.remote_ids ?? [];
        await this.assertRemoteIdsFree(trx, idpId, remoteIds);
        await trx('idp_remote_ids').where({ idp_id: idpId }).delete();
        await this.insertRemoteIds(trx, idpId, remoteIds);
      }
    });
    return this.get(idpId);
  }

  /** Children first: the foreign keys cascade on PostgreSQL, but SQLite may run without them. */
  async delete(idpId: string): Promise<void> {
    await this.db().transaction(async (trx) => {
      await this.get(idpId, trx);
      await trx('expiring_user_group_membership').where({ idp_id: idpId }).delete();
      await trx('federated_user').where({ idp_id: idpId }).delete();
      await trx('federation_protocol').where({ idp_id: idpId }).delete();
      await trx('idp_remote_ids').where({ idp_id: idpId }).delete();
      await trx('identity_provider').where({ id: idpId }).delete();
    });
  }

  async createProtocol(p: FederationProtocolRecord): Promise<FederationProtocolRecord> {
    assertFits('federation_protocol', p as never);
    await this.write(async (trx) => {
      await this.get(p.idp_id, trx);
      if (await trx('federation_protocol').where({ id: p.id, idp_id: p.idp_id }).first('id')) {
        throw Conflict.duplicate('federation_protocol', `Duplicate entry found with ID ${p.id}`);
      }
      await trx('federation_protocol').insert({ id: p.id, idp_id: p.idp_id, mapping_id: p.mapping_id, remote_id_attribute: p.remote_id_attribute });
    }, 'federation_protocol');
    return this.getProtocol(p.idp_id, p.id);
  }

  async listProtocols(idpId: string): Promise<FederationProtocolRecord[]> {
    return ((await this.db()('federation_protocol').where({ idp_id: idpId }).orderBy('id')) as Record<string, unknown>[]).map(toProtocol);
  }

  async getProtocol(idpId: string, protocolId: string): Promise<FederationProtocolRecord> {
    const row = await this.db()('federation_protocol').where({ id: protocolId, idp_id: idpId }).first();
    if (!row) throw protocolNotFound(idpId, protocolId);
    return toProtocol(row);
  }

  async updateProtocol(idpId: string, protocolId: string, patch: FederationProtocolPatch): Promise<FederationProtocolRecord> {
    assertFits('federation_protocol', patch as never);
    const cols: Record<string, unknown> = {};
    if (patch.mapping_id !== undefined) cols.mapping_id = patch.mapping_id;
    if (patch.remote_id_attribute !== undefined) cols.remote_id_attribute = patch.remote_id_attribute;
    await this.getProtocol(idpId, protocolId);
    if (Object.keys(cols).length > 0) await this.db()('federation_protocol').where({ id: protocolId, idp_id: idpId }).update(cols);
    return this.getProtocol(idpId, protocolId);
  }

  async deleteProtocol(idpId: string, protocolId: string): Promise<void> {
    await this.db().transaction(async (trx) => {
      if (!(await trx('federation_protocol').where({ id: protocolId, idp_id: idpId }).first('id'))) throw protocolNotFound(idpId, protocolId);
      await trx('federated_user').where({ idp_id: idpId, protocol_id: protocolId }).delete();
      await trx('federation_protocol').where({ id: protocolId, idp_id: idpId }).delete();
    });
  }

  /** A remote id names exactly one provider: Keystone answers "Duplicate remote ID: <id>". */
  private async assertRemoteIdsFree(trx: Knex.Transaction, idpId: string, remoteIds: readonly string[]): Promise<void> {
    if (remoteIds.length === 0) return;
    const taken = (await trx('idp_remote_ids').whereIn('remote_id', [...remoteIds]).where((q) => q.whereNot({ idp_id: idpId }).orWhereNull('idp_id')).first('remote_id')) as
      | { remote_id: string }
      | undefined;
    if (taken) throw remoteIdConflict(taken.remote_id);
  }

  private async insertRemoteIds(trx: Knex.Transaction, idpId: string, remoteIds: readonly string[]): Promise<void> {
    const unique = [...new Set(remoteIds)];
    if (unique.length > 0) await trx('idp_remote_ids').insert(unique.map((remote_id) => ({ idp_id: idpId, remote_id })));
  }

  /** A concurrent writer can still win the race to a key: its unique violation is the same 409. */
  private async write(fn: (trx: Knex.Transaction) => Promise<void>, kind = 'identity_provider'): Promise<void> {
    try {
      await this.db().transaction(fn);
    } catch (e) {
      if (isUniqueViolation(e)) throw Conflict.duplicate(kind, 'Duplicate entry');
      throw e;
    }
  }
}

function remoteIdConflict(remoteId: string): Conflict {
  return Conflict.duplicate('identity_provider', `Duplicate remote ID: ${remoteId}`);
}
