import { DriverHints, type EndpointRecord } from '@keystone-ts/plugin-sdk';
import type { CatalogBackends } from './catalog-backends';

/** Whether an endpoint has every attribute value an endpoint group's filters name. */
export function matchesGroup(endpoint: EndpointRecord, filters: Record<string, unknown>): boolean {
  return Object.entries(filters).every(([key, value]) => endpoint[key] === value);
}

/**
 * Keystone's `list_endpoints_for_project`: the endpoints associated with the
 * project directly (associations to endpoints that no longer exist are
 * ignored), then those matched by the project's endpoint groups, by id, in
 * that order. Two reads, plus one for all endpoints when the project has
 * any association at all.
 */
export async function listProjectEndpoints(backends: CatalogBackends, projectId: string): Promise<Map<string, EndpointRecord>> {
  const filter = backends.filter;
  const [direct, groups] = await Promise.all([filter.listEndpointIdsForProject(projectId), filter.listEndpointGroupsForProject(projectId)]);
  const out = new Map<string, EndpointRecord>();
  if (direct.length === 0 && groups.length === 0) return out;
  const all = await backends.catalog.listEndpoints(new DriverHints());
  const byId = new Map(all.map((e) => [e.id, e]));
  for (const id of direct) {
    const endpoint = byId.get(id);
    if (endpoint) out.set(id, endpoint);
  }
  for (const group of groups) {
    for (const endpoint of all) {
      if (!out.has(endpoint.id) && matchesGroup(endpoint, group.filters)) out.set(endpoint.id, endpoint);
    }
  }
  return out;
}
