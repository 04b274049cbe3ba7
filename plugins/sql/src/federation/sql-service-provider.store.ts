import { Conflict, NotFound, type DriverHints, type ServiceProviderPatch, type ServiceProviderRecord } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { applyHintFilters } from '../common/knex-filters';
import { isUniqueViolation } from '../resource/project-rows';
import { toDbBool, type Dialect } from '../common/sql-values';
import { assertFits, toSp } from './federation-rows';

const SP_FILTER_COLUMNS = { id: 'id', enabled: 'enabled' };

function spNotFound(spId: string): NotFound {
  return new NotFound(`Could not find Service Provider: ${spId}.`);
}

/** Keystone-to-Keystone service providers (`service_provider`). */
export class SqlServiceProviderStore {
  constructor(
    private readonly db: () => Knex,
    private readonly dialect: Dialect,
  ) {}

  async create(sp: ServiceProviderRecord): Promise<ServiceProviderRecord> {
    assertFits('service_provider', sp as never);
    const duplicate = () => Conflict.duplicate('service_provider', `Duplicate entry found with ID ${sp.id}`);
    try {
      await this.db().transaction(async (trx) => {
        if (await trx('service_provider').where({ id: sp.id }).first('id')) throw duplicate();
        await trx('service_provider').insert({ ...sp, enabled: toDbBool(this.dialect, sp.enabled) });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicate();
      throw e;
    }
    return this.get(sp.id);
  }

  async list(hints: DriverHints): Promise<ServiceProviderRecord[]> {
    const q = this.db()('service_provider').select('*').orderBy('id');
    applyHintFilters(q as never, hints, SP_FILTER_COLUMNS, (n, v) => (n === 'enabled' ? toDbBool(this.dialect, v as boolean) : v));
    return ((await q) as Record<string, unknown>[]).map(toSp);
  }

  async listEnabled(): Promise<ServiceProviderRecord[]> {
    return ((await this.db()('service_provider').where({ enabled: toDbBool(this.dialect, true) }).orderBy('id')) as Record<string, unknown>[]).map(toSp);
  }

  async get(spId: string): Promise<ServiceProviderRecord> {
    const row = await this.db()('service_provider').where({ id: spId }).first();
    if (!row) throw spNotFound(spId);
    return toSp(row);
  }

  async update(spId: string, patch: ServiceProviderPatch): Promise<ServiceProviderRecord> {
    assertFits('service_provider', patch as never);
    const cols: Record<string, unknown> = {};
    for (const key of ['description', 'auth_url', 'sp_url', 'relay_state_prefix'] as const) {
      if (patch[key] !== undefined) cols[key] = patch[key];
    }
    if (patch.enabled !== undefined) cols.enabled = toDbBool(this.dialect, patch.enabled);
    await this.get(spId);
    if (Object.keys(cols).length > 0) await this.db()('service_provider').where({ id: spId }).update(cols);
    return this.get(spId);
  }

  async delete(spId: string): Promise<void> {
    if ((await this.db()('service_provider').where({ id: spId }).delete()) === 0) throw spNotFound(spId);
  }
}
