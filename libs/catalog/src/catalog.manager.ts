import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CacheRegions,
  DisabledCacheRegion,
  KEYSTONE_RUNTIME,
  Notifier,
  ProviderApis,
  applyLimit,
  applyRemainingFilters,
  getLogger,
  type CacheRegion,
  type CatalogApi,
  type CatalogEntry,
  type KeystoneRuntime,
} from '@keystone-ts/core';
import {
  Conflict,
  DriverHints,
  NotFound,
  NotImplemented,
  ValidationError,
  isKeystoneError,
  type EndpointRecord,
  type NewEndpoint,
  type NewService,
  type RegionRecord,
  type ServiceRecord,
} from '@keystone-ts/plugin-sdk';
import { CatalogBackends } from './catalog-backends';
import { listProjectEndpoints } from './project-endpoints';
import { configSubstitutions, formatEndpointUrl } from './url/endpoint-url';
import type { PyScalar } from './url/python-percent';

type Listed<T> = { refs: T[]; truncated: boolean };

/**
 * Regions, services and endpoints (Keystone's catalog_api), and the
 * catalog tokens carry. Region-hierarchy and reference checks live here;
 * storage is the `keystone.catalog` driver's.
 */
@Injectable()
export class CatalogManager implements CatalogApi {
  private readonly log = getLogger('keystone.catalog');
  private substitutions?: Map<string, PyScalar>;

  constructor(
    @Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime,
    private readonly backends: CatalogBackends,
    apis: ProviderApis,
    @Optional() private readonly cache?: CacheRegions,
    @Optional() private readonly notifier?: Notifier,
  ) {
    apis.register('catalog', this);
  }

  /** Token catalogs per user and project (Keystone's COMPUTED_CATALOG_REGION). */
  private get computed(): CacheRegion {
    return this.cache?.region('computed_catalog') ?? NO_CACHE;
  }

  /**
   * Runs a catalog or endpoint-filter write, then (even when it failed
   * half-way) drops every computed catalog on every worker, awaited so the
   * answer to the write is never older than it. Used by EndpointFilterManager too.
   */
  async write<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      await this.computed.invalidateAll();
    }
  }

  async createRegion(region: { id?: string; description?: string | null; parent_region_id?: string | null; [k: string]: unknown }): Promise<RegionRecord> {
    const id = region.id ?? uuidHex();
    if (await this.exists(() => this.backends.catalog.getRegion(id))) throw Conflict.duplicate('region', `Duplicate ID, ${id}.`);
    const created = await this.write(() => this.backends.catalog.createRegion({ ...region, id, description: region.description ?? '' }));
    await this.notifier?.created('region', created.id);
    return created;
  }

  getRegion(regionId: string): Promise<RegionRecord> {
    return this.backends.catalog.getRegion(regionId);
  }

  /** Never truncated: Keystone lists regions without applying `list_limit`. */
  async listRegions(hints = new DriverHints()): Promise<Listed<RegionRecord>> {
    return { refs: applyRemainingFilters(await this.backends.catalog.listRegions(hints), hints), truncated: false };
  }

  async updateRegion(regionId: string, patch: Record<string, unknown>): Promise<RegionRecord> {
    if (!this.backends.catalog.writable) throw new NotImplemented();
    const change = { ...patch };
    if ('description' in change && change.description === null) change.description = '';
    const parent = change.parent_region_id as string | null | undefined;
    if (parent) await this.getRegion(parent);
    const current = await this.getRegion(regionId);
    await this.assertNoCycle(regionId, parent === undefined ? current.parent_region_id : parent);
    const updated = await this.write(() => this.backends.catalog.updateRegion(regionId, change));
    await this.notifier?.updated('region', regionId);
    return updated;
  }

  async deleteRegion(regionId: string): Promise<void> {
    await this.write(() => this.backends.catalog.deleteRegion(regionId));
    await this.notifier?.deleted('region', regionId);
  }

  async createService(service: { type: string | null; [k: string]: unknown }, serviceId = uuidHex()): Promise<ServiceRecord> {
    const ref: NewService = { ...service, enabled: (service.enabled as boolean | undefined) ?? true, name: service.name ?? '' };
    delete ref.id;
    const created = await this.write(() => this.backends.catalog.createService(serviceId, ref));
    await this.notifier?.created('service', created.id);
    return created;
  }

  getService(serviceId: string): Promise<ServiceRecord> {
    return this.backends.catalog.getService(serviceId);
  }

  async listServices(hints = new DriverHints()): Promise<Listed<ServiceRecord>> {
    return applyLimit(applyRemainingFilters(await this.backends.catalog.listServices(hints), hints), hints);
  }

  async updateService(serviceId: string, patch: Record<string, unknown>): Promise<ServiceRecord> {
    const { id: _id, ...change } = patch;
    const updated = await this.write(() => this.backends.catalog.updateService(serviceId, change));
    await this.notifier?.updated('service', serviceId);
    return updated;
  }

  /** Its endpoints go with it, and so do their project associations. */
  async deleteService(serviceId: string): Promise<void> {
    const endpoints = await this.backends.catalog.listEndpoints(new DriverHints().addFilter('service_id', serviceId));
    await this.write(async () => {
      await this.backends.catalog.deleteService(serviceId);
      await this.forgetEndpoints(endpoints.map((e) => e.id));
    });
    await this.notifier?.deleted('service', serviceId);
  }

  async createEndpoint(endpoint: { interface: string; service_id: string; url: string; [k: string]: unknown }, endpointId = uuidHex()): Promise<EndpointRecord> {
    await this.assertReferences(endpoint.region_id as string | null | undefined, endpoint.service_id);
    const { id: _id, ...ref } = endpoint;
    const created = await this.write(() => this.backends.catalog.createEndpoint(endpointId, { ...ref, enabled: (ref.enabled as boolean | null | undefined) ?? true } as NewEndpoint));
    await this.notifier?.created('endpoint', created.id);
    return created;
  }

  getEndpoint(endpointId: string): Promise<EndpointRecord> {
    return this.backends.catalog.getEndpoint(endpointId);
  }

  async listEndpoints(hints = new DriverHints()): Promise<Listed<EndpointRecord>> {
    return applyLimit(applyRemainingFilters(await this.backends.catalog.listEndpoints(hints), hints), hints);
  }

  async updateEndpoint(endpointId: string, patch: Record<string, unknown>): Promise<EndpointRecord> {
    await this.assertReferences(patch.region_id as string | null | undefined, patch.service_id as string | null | undefined);
    const { id: _id, ...change } = patch;
    const updated = await this.write(() => this.backends.catalog.updateEndpoint(endpointId, change as Partial<NewEndpoint>));
    await this.notifier?.updated('endpoint', endpointId);
    return updated;
  }

  async deleteEndpoint(endpointId: string): Promise<void> {
    await this.write(async () => {
      await this.backends.catalog.deleteEndpoint(endpointId);
      await this.forgetEndpoints([endpointId]);
    });
    await this.notifier?.deleted('endpoint', endpointId);
  }

  /**
   * The catalog of a token: the backend's, narrowed to the project's
   * endpoint filter when the backend supports filtering and the project
   * has one. The catalog and filter reads run together. Cached per user and
   * project: nothing secret in it, and every write above drops it.
   */
  getCatalog(userId: string, projectId: string | null): Promise<CatalogEntry[]> {
    return this.computed.getOrSet(['catalog', userId, projectId], () => this.computeCatalog(userId, projectId));
  }

  private async computeCatalog(userId: string, projectId: string | null): Promise<CatalogEntry[]> {
    const values = new Map(this.configValues());
    values.set('user_id', userId);
    if (projectId) {
      values.set('tenant_id', projectId);
      values.set('project_id', projectId);
    }
    const driver = this.backends.catalog;
    const request = { userId, projectId, formatUrl: (url: string) => formatEndpointUrl(url, values, projectId !== null, this.log) };
    if (!driver.supportsEndpointFilter) return driver.getV3Catalog(request);
    const [catalog, filtered] = await Promise.all([driver.getV3Catalog(request), projectId ? listProjectEndpoints(this.backends, projectId) : new Map()]);
    if (filtered.size === 0) {
      return this.runtime.config.get<boolean>('endpoint_filter', 'return_all_endpoints_if_no_filter') ? catalog : [];
    }
    return catalog
      .map((svc) => ({ ...svc, endpoints: svc.endpoints.filter((e) => e.id !== undefined && filtered.get(e.id)?.enabled === true) }))
      .filter((svc) => svc.endpoints.length > 0);
  }

  async deleteProjectAssociations(projectId: string): Promise<void> {
    if (!this.backends.catalog.supportsEndpointFilter) return;
    await this.write(async () => {
      await this.backends.filter.deleteAssociationsByProject(projectId);
      await this.backends.filter.deleteEndpointGroupAssociationsByProject(projectId);
    });
  }

  /** Keystone's `_ensure_no_circle_in_hierarchical_regions`, reading the tree once. */
  private async assertNoCycle(regionId: string, parentId: string | null): Promise<void> {
    if (!parentId) return;
    const parents = new Map((await this.backends.catalog.listRegions(new DriverHints())).map((r) => [r.id, r.parent_region_id]));
    const seen = new Set<string>();
    for (let p: string | null | undefined = parentId; p; p = parents.get(p)) {
      if (p === regionId) throw new ValidationError(`The specified parent region ${p} would create a circular region hierarchy.`);
      if (!parents.has(p)) throw NotFound.entity('region', p);
      // A cycle above us that does not pass through this region (written behind our back).
      if (seen.has(p)) return;
      seen.add(p);
    }
  }

  private async assertReferences(regionId: string | null | undefined, serviceId: string | null | undefined): Promise<void> {
    if (regionId !== null && regionId !== undefined && !(await this.exists(() => this.getRegion(regionId)))) {
      throw ValidationError.missing('endpoint region_id', 'region table');
    }
    if (serviceId !== null && serviceId !== undefined && !(await this.exists(() => this.getService(serviceId)))) {
      throw ValidationError.missing('endpoint service_id', 'service table');
    }
  }

  private async forgetEndpoints(endpointIds: string[]): Promise<void> {
    if (!this.backends.catalog.supportsEndpointFilter) return;
    for (const id of endpointIds) await this.backends.filter.deleteAssociationsByEndpoint(id);
  }

  private configValues(): Map<string, PyScalar> {
    this.substitutions ??= configSubstitutions(this.runtime.config);
    return this.substitutions;
  }

  private async exists(read: () => Promise<unknown>): Promise<boolean> {
    try {
      await read();
      return true;
    } catch (e) {
      // By code, not class: a plugin may throw from its own copy of the SDK.
      if (isKeystoneError(e) && e.code === 404) return false;
      throw e;
    }
  }
}

const NO_CACHE: CacheRegion = new DisabledCacheRegion('computed_catalog');

function uuidHex(): string {
  return randomUUID().replace(/-/g, '');
}
