import type { EndpointGroupRecord, EndpointRecord } from '@keystone-ts/plugin-sdk';

/**
 * Keystone's `ref.setdefault('links', {})['self'] = url`: a `links` object a
 * client stored as an extra attribute keeps its other keys.
 */
export function withSelf<T extends object>(ref: T, self: string): T & { links: Record<string, unknown> } {
  const stored = (ref as { links?: unknown }).links;
  const links = stored && typeof stored === 'object' && !Array.isArray(stored) ? { ...(stored as Record<string, unknown>), self } : { self };
  return { ...ref, links };
}

export const renderRegion = (r: { id: string }, base: string) => withSelf(r, `${base}/v3/regions/${r.id}`);
export const renderService = (s: { id: string }, base: string) => withSelf(s, `${base}/v3/services/${s.id}`);
export const renderProject = (p: { id: string }, base: string) => withSelf(p, `${base}/v3/projects/${p.id}`);
export const renderEndpointGroup = (g: EndpointGroupRecord, base: string) => withSelf(g, `${base}/v3/OS-EP-FILTER/endpoint_groups/${g.id}`);

/** Keystone's `_filter_endpoint`: no legacy id, and `region` repeating `region_id` for v2-era clients. */
export function renderEndpoint(e: EndpointRecord, base: string) {
  const { legacy_endpoint_id: _legacy, ...rest } = e;
  return withSelf({ ...rest, region: e.region_id }, `${base}/v3/endpoints/${e.id}`);
}

/** The OS-ENDPOINT-POLICY listing only drops the legacy id. */
export function renderPolicyEndpoint(e: EndpointRecord, base: string) {
  const { legacy_endpoint_id: _legacy, ...rest } = e;
  return withSelf(rest, `${base}/v3/endpoints/${e.id}`);
}
