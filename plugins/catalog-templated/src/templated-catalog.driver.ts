import {
  NotFound,
  NotImplemented,
  type CatalogDriver,
  type CatalogRequest,
  type CatalogService,
  type EndpointRecord,
  type RegionRecord,
  type ServiceRecord,
} from '@keystone-ts/plugin-sdk';
import type { CatalogTemplates } from './template-parser';

const readOnly = async (): Promise<never> => {
  throw new NotImplemented();
};

/**
 * Keystone's templated catalog: read-only, from `[catalog] template_file`.
 * Every write answers 501; lists ignore filters (the manager applies them),
 * as Keystone's backend does. Ids are made from the template: a service's is
 * its type, an endpoint's `<region>-<type>-<interface>`.
 */
export class TemplatedCatalogDriver implements CatalogDriver {
  readonly supportsEndpointFilter = false;
  readonly writable = false;

  constructor(private readonly templates: CatalogTemplates) {}

  createRegion = readOnly;
  updateRegion = readOnly;
  deleteRegion = readOnly;
  createService = readOnly;
  updateService = readOnly;
  deleteService = readOnly;
  createEndpoint = readOnly;
  updateEndpoint = readOnly;
  deleteEndpoint = readOnly;

  async listRegions(): Promise<RegionRecord[]> {
    return [...this.templates.keys()].map((id) => ({ id, description: '', parent_region_id: '' }));
  }

  async getRegion(regionId: string): Promise<RegionRecord> {
    if (!this.templates.has(regionId)) throw NotFound.entity('region', regionId);
    return { id: regionId, description: '', parent_region_id: '' };
  }

  /** One entry per region a service appears in, duplicates included, as Keystone lists them. */
  async listServices(): Promise<ServiceRecord[]> {
    const out: ServiceRecord[] = [];
    for (const regionRef of this.templates.values()) {
      for (const [type, ref] of regionRef) {
        out.push({ id: type, enabled: true, name: ref.get('name') ?? '', description: ref.get('description') ?? '', type });
      }
    }
    return out;
  }

  async getService(serviceId: string): Promise<ServiceRecord> {
    const found = (await this.listServices()).find((s) => s.id === serviceId);
    if (!found) throw NotFound.entity('service', serviceId);
    return found;
  }

  /** Raw URL templates, as Keystone's backend lists them. */
  async listEndpoints(): Promise<EndpointRecord[]> {
    const out: EndpointRecord[] = [];
    for (const [region, regionRef] of this.templates) {
      for (const [type, ref] of regionRef) {
        for (const [key, url] of ref) {
          if (!key.endsWith('URL')) continue;
          const iface = key.slice(0, -3);
          out.push({ id: `${region}-${type}-${iface}`, service_id: type, interface: iface, url, legacy_endpoint_id: null, region_id: region, enabled: true });
        }
      }
    }
    return out;
  }

  async getEndpoint(endpointId: string): Promise<EndpointRecord> {
    const found = (await this.listEndpoints()).find((e) => e.id === endpointId);
    if (!found) throw NotFound.entity('endpoint', endpointId);
    return found;
  }

  /**
   * Keystone builds the v2 catalog, then folds it into v3: every value of a
   * service is expanded (names too); one malformed value drops that service
   * from that region; a value that expands to nothing is left out; `*URL`
   * keys become endpoints, other keys service attributes (last region wins).
   */
  async getV3Catalog(req: CatalogRequest): Promise<CatalogService[]> {
    const v3 = new Map<string, CatalogService>();
    for (const [region, regionRef] of this.templates) {
      for (const [type, ref] of regionRef) {
        const data = expandService(ref, req);
        if (!data) continue;
        let svc = v3.get(type);
        if (!svc) v3.set(type, (svc = { type, endpoints: [] }));
        for (const [attr, value] of data) {
          if (attr.endsWith('URL')) svc.endpoints.push({ interface: attr.slice(0, -3), region, url: value });
          else svc[attr] = value;
        }
      }
    }
    return [...v3.values()];
  }
}

function expandService(ref: Map<string, string>, req: CatalogRequest): Map<string, string> | null {
  const data = new Map<string, string>();
  for (const [key, raw] of ref) {
    const formatted = req.formatUrl(raw);
    if (formatted.kind === 'malformed') return null;
    if (formatted.kind === 'ok' && formatted.url !== '') data.set(key, formatted.url);
  }
  return data;
}
