import {
  Conflict,
  NotFound,
  ValidationError,
  type CatalogDriver,
  type CatalogEndpoint,
  type CatalogRequest,
  type CatalogService,
  type DriverHints,
  type EndpointRecord,
  type NewEndpoint,
  type NewRegion,
  type NewService,
  type ServiceRecord,
} from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { applyHintFilters } from '../common/knex-filters';
import { fromDbBool, parseExtra, toDbBool, type Dialect } from '../common/sql-values';
import { ENDPOINT_COLUMNS, SERVICE_COLUMNS, assertFits, extrasOf, splitExtra, toEndpoint, toService } from './catalog-rows';
import { SqlRegionStore } from './sql-region.store';

const SERVICE_FILTER_COLUMNS = { id: 'id', type: 'type', enabled: 'enabled' };
const ENDPOINT_FILTER_COLUMNS = { id: 'id', interface: 'interface', region_id: 'region_id', service_id: 'service_id', url: 'url', enabled: 'enabled', legacy_endpoint_id: 'legacy_endpoint_id' };

/** Keystone's sql catalog backend over the `region`, `service` and `endpoint` tables. */
export class SqlCatalogDriver implements CatalogDriver {
  readonly supportsEndpointFilter = true;
  readonly writable = true;
  private readonly regions: SqlRegionStore;

  constructor(
    private readonly db: () => Knex,
    private readonly dialect: Dialect,
  ) {
    this.regions = new SqlRegionStore(db);
  }

  createRegion(region: NewRegion) {
    return this.regions.create(region);
  }
  listRegions(hints: DriverHints) {
    return this.regions.list(hints);
  }
  getRegion(regionId: string) {
    return this.regions.get(regionId);
  }
  updateRegion(regionId: string, patch: Partial<NewRegion>) {
    return this.regions.update(regionId, patch);
  }
  deleteRegion(regionId: string) {
    return this.regions.delete(regionId);
  }

  async createService(serviceId: string, service: NewService): Promise<ServiceRecord> {
    const { cols, extra } = splitExtra({ ...service, id: serviceId }, SERVICE_COLUMNS);
    assertFits('service', cols);
    if (await this.db()('service').where({ id: serviceId }).first('id')) throw Conflict.duplicate('service', `Duplicate entry found with ID ${serviceId}`);
    await this.db()('service').insert({ id: serviceId, type: cols.type ?? null, enabled: toDbBool(this.dialect, (cols.enabled as boolean | undefined) ?? true), extra });
    return this.getService(serviceId);
  }

  async listServices(hints: DriverHints): Promise<ServiceRecord[]> {
    const q = this.db()('service').select('*');
    applyHintFilters(q as never, hints, SERVICE_FILTER_COLUMNS, (n, v) => this.filterValue(n, v));
    return limited(await limitQuery(q, hints), hints).map(toService);
  }

  async getService(serviceId: string): Promise<ServiceRecord> {
    const row = await this.db()('service').where({ id: serviceId }).first();
    if (!row) throw NotFound.entity('service', serviceId);
    return toService(row);
  }

  async updateService(serviceId: string, patch: Partial<NewService>): Promise<ServiceRecord> {
    const merged = { ...(await this.getService(serviceId)), ...patch, id: serviceId };
    const { cols } = splitExtra(merged, SERVICE_COLUMNS);
    assertFits('service', cols);
    await this.db()('service')
      .where({ id: serviceId })
      .update({ type: cols.type ?? null, enabled: toDbBool(this.dialect, (cols.enabled as boolean | undefined) ?? true), extra: JSON.stringify(extrasOf(merged, SERVICE_COLUMNS)) });
    return this.getService(serviceId);
  }

  async deleteService(serviceId: string): Promise<void> {
    await this.db().transaction(async (trx) => {
      if (!(await trx('service').where({ id: serviceId }).first('id'))) throw NotFound.entity('service', serviceId);
      await trx('endpoint').where({ service_id: serviceId }).delete();
      await trx('service').where({ id: serviceId }).delete();
    });
  }

  async createEndpoint(endpointId: string, endpoint: NewEndpoint): Promise<EndpointRecord> {
    const { cols, extra } = splitExtra({ ...endpoint, id: endpointId }, ENDPOINT_COLUMNS);
    assertFits('endpoint', cols);
    if (await this.db()('endpoint').where({ id: endpointId }).first('id')) throw Conflict.duplicate('endpoint', `Duplicate entry found with ID ${endpointId}`);
    await this.db()('endpoint').insert({ ...this.endpointColumns(cols), id: endpointId, extra });
    return this.getEndpoint(endpointId);
  }

  async listEndpoints(hints: DriverHints): Promise<EndpointRecord[]> {
    const q = this.db()('endpoint').select('*');
    applyHintFilters(q as never, hints, ENDPOINT_FILTER_COLUMNS, (n, v) => this.filterValue(n, v));
    return limited(await limitQuery(q, hints), hints).map(toEndpoint);
  }

  async getEndpoint(endpointId: string): Promise<EndpointRecord> {
    const row = await this.db()('endpoint').where({ id: endpointId }).first();
    if (!row) throw NotFound.entity('endpoint', endpointId);
    return toEndpoint(row);
  }

  async updateEndpoint(endpointId: string, patch: Partial<NewEndpoint>): Promise<EndpointRecord> {
    const merged = { ...(await this.getEndpoint(endpointId)), ...patch, id: endpointId };
    const { cols } = splitExtra(merged, ENDPOINT_COLUMNS);
    assertFits('endpoint', cols);
    await this.db()('endpoint')
      .where({ id: endpointId })
      .update({ ...this.endpointColumns(cols), extra: JSON.stringify(extrasOf(merged, ENDPOINT_COLUMNS)) });
    return this.getEndpoint(endpointId);
  }

  async deleteEndpoint(endpointId: string): Promise<void> {
    const n = await this.db()('endpoint').where({ id: endpointId }).delete();
    if (n === 0) throw NotFound.entity('endpoint', endpointId);
  }

  /**
   * One query: enabled services joined with their endpoints. Services keep
   * the order the database gives (Keystone adds no ORDER BY either); a
   * service with no usable endpoint stays, with an empty list, as in Keystone.
   */
  async getV3Catalog(req: CatalogRequest): Promise<CatalogService[]> {
    const rows = (await this.db()('service as s')
      .leftJoin('endpoint as e', 'e.service_id', 's.id')
      .where('s.enabled', toDbBool(this.dialect, true) as never)
      .select('s.id as s_id', 's.type as s_type', 's.extra as s_extra', 'e.id', 'e.interface', 'e.region_id', 'e.url', 'e.extra', 'e.enabled')) as Record<string, unknown>[];
    const services = new Map<string, CatalogService>();
    for (const r of rows) {
      let svc = services.get(r.s_id as string);
      if (!svc) {
        const name = parseExtra(r.s_extra).name;
        svc = { endpoints: [], id: r.s_id as string, type: (r.s_type as string | null) ?? null, name: (name ?? '') as string };
        services.set(r.s_id as string, svc);
      }
      if (r.id === null || r.id === undefined || !fromDbBool(r.enabled)) continue;
      const formatted = req.formatUrl(r.url as string);
      if (formatted.kind !== 'ok' || formatted.url === '') continue;
      const region = (r.region_id as string | null) ?? null;
      const ep: CatalogEndpoint = { ...parseExtra(r.extra), id: r.id as string, interface: r.interface as string, region_id: region, url: formatted.url, region };
      svc.endpoints.push(ep);
    }
    return [...services.values()];
  }

  private endpointColumns(cols: Record<string, unknown>): Record<string, unknown> {
    return {
      legacy_endpoint_id: legacyId(cols.legacy_endpoint_id),
      interface: cols.interface,
      service_id: cols.service_id,
      url: cols.url,
      region_id: cols.region_id ?? null,
      // Keystone's Endpoint.from_dict: a missing or null `enabled` is true.
      enabled: toDbBool(this.dialect, (cols.enabled as boolean | null | undefined) ?? true),
    };
  }

  private filterValue(name: string, value: unknown): unknown {
    if (name !== 'enabled') return value;
    return toDbBool(this.dialect, typeof value === 'boolean' ? value : !['0', 'false'].includes(String(value).toLowerCase()));
  }
}

/**
 * `legacy_endpoint_id` is a column no request schema covers: a number is
 * kept as its text, anything else that is not a string is refused (Keystone
 * fails on it with a database error).
 */
function legacyId(v: unknown): string | null {
  if (v === null || v === undefined || typeof v === 'string') return (v as string | null | undefined) ?? null;
  if (typeof v === 'number') return String(v);
  throw ValidationError.field('legacy_endpoint_id', `${JSON.stringify(v)} is not of type 'string'`);
}

/**
 * Keystone's `driver_hints.truncated`: with a limit and every filter applied
 * in SQL, ask for one row more than the limit to learn whether it cut.
 */
async function limitQuery(q: Knex.QueryBuilder, hints: DriverHints): Promise<Record<string, unknown>[]> {
  if (hints.limit && hints.filters.length === 0) q.limit(hints.limit.limit + 1);
  return (await q) as Record<string, unknown>[];
}

function limited<T>(rows: T[], hints: DriverHints): T[] {
  if (!hints.limit || hints.filters.length > 0 || rows.length <= hints.limit.limit) return rows;
  hints.limit.truncated = true;
  return rows.slice(0, hints.limit.limit);
}
