/**
 * One request sequence over the catalog APIs, run unchanged against
 * keystone-ts and the reference Keystone 22; the transcripts must match.
 */
export type Call = (method: string, url: string, body?: unknown) => Promise<{ status: number; body: any }>;

export interface Step {
  step: string;
  status: number;
  body?: unknown;
}

/** `makePolicy` creates a policy blob: POST /v3/policies on Keystone, a row on keystone-ts (its /v3/policies is not ours). */
export async function catalogScenario(call: Call, projectId: string, makePolicy: (blob: string) => Promise<string>): Promise<Step[]> {
  const out: Step[] = [];
  // Schema errors are compared by status only: their wording is core's validator's.
  const rec = async (method: string, url: string, body?: unknown, statusOnly = false) => {
    const r = await call(method, url, body);
    out.push({ step: `${method} ${url}`, status: r.status, ...(statusOnly ? {} : { body: r.body }) });
    return r.body;
  };
  await rec('PUT', '/v3/regions/R-A', { region: { description: 'a', extra1: 'x' } });
  await rec('PUT', '/v3/regions/R-A', { region: {} });
  await rec('PUT', '/v3/regions/R-B', { region: { id: 'R-C' } });
  const c1 = (await rec('POST', '/v3/regions', { region: { parent_region_id: 'R-A', 'os-x': 1 } })).region.id;
  await rec('POST', '/v3/regions', { region: { parent_region_id: 'nope' } });
  await rec('PATCH', '/v3/regions/R-A', { region: { parent_region_id: c1 } });
  await rec('PATCH', '/v3/regions/R-A', { region: { parent_region_id: 'R-A' } });
  await rec('PATCH', '/v3/regions/R-A', { region: { id: 'zz' } });
  await rec('PATCH', '/v3/regions/R-A', { region: {} }, true);
  await rec('PATCH', '/v3/regions/R-A', { region: { description: null, more: [1] } });
  await rec('GET', '/v3/regions?parent_region_id=R-A');
  await rec('GET', `/v3/regions/${c1}`);
  const s1 = (await rec('POST', '/v3/services', { service: { type: 'compute-x', name: 'nova', 'os-flag': true, id: 'ignored' } })).service.id;
  await rec('POST', '/v3/services', { service: { name: 'x' } }, true);
  await rec('GET', '/v3/services?type=compute-x');
  await rec('GET', '/v3/services?name=nova');
  await rec('PATCH', `/v3/services/${s1}`, { service: { description: 'd', enabled: false } });
  await rec('PATCH', `/v3/services/${s1}`, { service: { enabled: true } });
  await rec('POST', '/v3/endpoints', { endpoint: { interface: 'public', service_id: s1, url: 'http://g/$(nope)s' } });
  await rec('POST', '/v3/endpoints', { endpoint: { interface: 'public', service_id: s1, url: 'http://g/$(public_port)d' } });
  await rec('POST', '/v3/endpoints', { endpoint: { interface: 'public', service_id: 'ghost', url: 'http://g' } });
  await rec('POST', '/v3/endpoints', { endpoint: { interface: 'public', service_id: s1, url: 'http://g', region_id: 'ghost' } });
  await rec('POST', '/v3/endpoints', { endpoint: { interface: 'bogus', service_id: s1, url: 'http://g' } }, true);
  const e1 = (await rec('POST', '/v3/endpoints', { endpoint: { interface: 'public', service_id: s1, url: 'http://g/$(project_id)s', region: 'Legacy' } })).endpoint.id;
  await rec('GET', '/v3/regions/Legacy');
  const e2 = (await rec('POST', '/v3/endpoints', { endpoint: { interface: 'admin', service_id: s1, url: 'http://a', region_id: 'R-A', region: 'Other', 'x-y': 2 } })).endpoint.id;
  await rec('GET', `/v3/endpoints/${e2}`);
  await rec('PATCH', `/v3/endpoints/${e2}`, { endpoint: { region: 'Legacy2' } });
  await rec('PATCH', `/v3/endpoints/${e2}`, { endpoint: { enabled: false, url: 'http://b' } });
  await rec('GET', `/v3/endpoints?service_id=${s1}&interface=admin`);
  await rec('DELETE', '/v3/regions/Legacy');
  await rec('GET', '/v3/endpoints/ghost');
  await rec('PATCH', '/v3/endpoints/ghost', { endpoint: { url: 'http://x' } });
  await rec('GET', '/v3/auth/catalog');
  await endpointFilterSteps(rec, projectId, s1, e1, e2);
  await endpointPolicySteps(rec, makePolicy);
  await rec('DELETE', `/v3/services/${s1}`);
  await rec('GET', `/v3/endpoints/${e1}`);
  return out;
}

type Rec = (method: string, url: string, body?: unknown, statusOnly?: boolean) => Promise<any>;

async function endpointFilterSteps(rec: Rec, projectId: string, s1: string, e1: string, e2: string): Promise<void> {
  const pe = `/v3/OS-EP-FILTER/projects/${projectId}/endpoints`;
  await rec('PUT', `${pe}/${e1}`);
  await rec('PUT', `${pe}/${e1}`);
  await rec('PUT', `/v3/OS-EP-FILTER/projects/ghost/endpoints/${e1}`);
  await rec('PUT', `${pe}/ghost`);
  await rec('GET', `${pe}/${e1}`);
  await rec('GET', `${pe}/${e2}`);
  await rec('GET', pe);
  await rec('GET', `/v3/OS-EP-FILTER/endpoints/${e1}/projects`);
  await rec('GET', '/v3/auth/catalog');
  await rec('DELETE', `${pe}/${e1}`);
  await rec('DELETE', `${pe}/${e1}`);
  const groups = '/v3/OS-EP-FILTER/endpoint_groups';
  await rec('POST', groups, { endpoint_group: { name: 'g', filters: {} } });
  await rec('POST', groups, { endpoint_group: { name: 'g', filters: { url: 'x' } } });
  const g = (await rec('POST', groups, { endpoint_group: { name: 'g', filters: { service_id: s1, interface: 'public' } } })).endpoint_group.id;
  await rec('GET', `${groups}/${g}`);
  await rec('PATCH', `${groups}/${g}`, { endpoint_group: { description: 'dd' } });
  await rec('PATCH', `${groups}/${g}`, { endpoint_group: { filters: { bad: 1 } } });
  await rec('GET', `${groups}/${g}/endpoints`);
  await rec('GET', `${groups}/${g}/projects/${projectId}`);
  await rec('PUT', `${groups}/${g}/projects/${projectId}`);
  await rec('PUT', `${groups}/${g}/projects/${projectId}`);
  await rec('PUT', `${groups}/ghost/projects/${projectId}`);
  await rec('GET', `${groups}/${g}/projects/${projectId}`);
  await rec('GET', `/v3/OS-EP-FILTER/projects/${projectId}/endpoint_groups`);
  await rec('GET', `${groups}/${g}/projects`);
  await rec('GET', `${groups}/ghost/projects`);
  await rec('GET', `${groups}?name=g`);
  await rec('GET', `${groups}?a=g`);
  await rec('GET', '/v3/auth/catalog');
  await rec('DELETE', `${groups}/${g}`);
  await rec('GET', `${groups}/${g}`);
}

async function endpointPolicySteps(rec: Rec, makePolicy: (blob: string) => Promise<string>): Promise<void> {
  const pol1 = await makePolicy('{"a": 1}');
  const pol2 = await makePolicy('{"b": 2}');
  await rec('PUT', '/v3/regions/P-root', { region: {} });
  await rec('PUT', '/v3/regions/P-leaf', { region: { parent_region_id: 'P-root' } });
  const s2 = (await rec('POST', '/v3/services', { service: { type: 'pol-svc' } })).service.id;
  const ep = (await rec('POST', '/v3/endpoints', { endpoint: { interface: 'public', service_id: s2, url: 'http://p', region_id: 'P-leaf' } })).endpoint.id;
  const p = (id: string) => `/v3/policies/${id}/OS-ENDPOINT-POLICY`;
  const effective = `/v3/endpoints/${ep}/OS-ENDPOINT-POLICY/policy`;
  await rec('GET', effective);
  await rec('GET', '/v3/endpoints/ghost/OS-ENDPOINT-POLICY/policy');
  await rec('PUT', `${p(pol1)}/services/${s2}`);
  await rec('GET', effective);
  await rec('PUT', `${p(pol2)}/services/${s2}/regions/P-root`);
  await rec('GET', effective);
  await rec('GET', `${p(pol2)}/services/${s2}/regions/P-root`);
  await rec('GET', `${p(pol1)}/services/${s2}/regions/P-root`);
  await rec('GET', `${p(pol2)}/services/${s2}/regions/ghost`);
  await rec('GET', `${p('ghost')}/services/${s2}`);
  await rec('GET', `${p(pol2)}/endpoints`);
  await rec('GET', `${p(pol1)}/endpoints`);
  await rec('PUT', `${p(pol1)}/endpoints/${ep}`);
  await rec('GET', `${p(pol1)}/endpoints/${ep}`);
  await rec('GET', `${p(pol1)}/endpoints`);
  await rec('GET', effective);
  await rec('DELETE', `${p(pol1)}/endpoints/${ep}`);
  await rec('DELETE', `${p(pol1)}/endpoints/${ep}`);
  await rec('GET', `${p(pol1)}/endpoints/${ep}`);
  await rec('DELETE', `${p(pol2)}/services/${s2}/regions/P-root`);
  await rec('GET', effective);
}

/** Generated ids and the base URL become stable placeholders; token catalogs keep only this scenario's service. */
export function normalize(x: unknown, base: string, ids: Map<string, string>): unknown {
  if (typeof x === 'string') {
    return x.split(base).join('BASE').replace(/[0-9a-f]{32}/g, (id) => {
      if (!ids.has(id)) ids.set(id, `ID${ids.size}`);
      return ids.get(id)!;
    });
  }
  if (Array.isArray(x)) return x.map((v) => normalize(v, base, ids));
  if (x && typeof x === 'object') {
    const o = { ...(x as Record<string, unknown>) };
    if (Array.isArray(o.catalog)) o.catalog = (o.catalog as { type: string }[]).filter((s) => s.type === 'compute-x');
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, normalize(v, base, ids)]));
  }
  return x;
}
