/* Local differential check against a running reference Keystone (not for commit). */
import { startTestServer, type TestServer } from '../../../../test/support/e2e-server';

const REF = process.env.KS_REF ?? 'http://127.0.0.1:35990';
type Call = (method: string, url: string, body?: unknown) => Promise<{ status: number; body: any }>;

async function scenario(call: Call, projectId: string, makePolicy: (blob: string) => Promise<string>): Promise<unknown[]> {
  const out: unknown[] = [];
  const rec = async (method: string, url: string, body?: unknown, statusOnly = false) => {
    const r = await call(method, url, body);
    out.push({ step: `${method} ${url}`, status: r.status, body: statusOnly ? undefined : r.body });
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
  await rec('PUT', `/v3/OS-EP-FILTER/projects/${projectId}/endpoints/${e1}`);
  await rec('PUT', `/v3/OS-EP-FILTER/projects/${projectId}/endpoints/${e1}`);
  await rec('PUT', `/v3/OS-EP-FILTER/projects/ghost/endpoints/${e1}`);
  await rec('PUT', `/v3/OS-EP-FILTER/projects/${projectId}/endpoints/ghost`);
  await rec('GET', `/v3/OS-EP-FILTER/projects/${projectId}/endpoints/${e1}`);
  await rec('GET', `/v3/OS-EP-FILTER/projects/${projectId}/endpoints/${e2}`);
  await rec('GET', `/v3/OS-EP-FILTER/projects/${projectId}/endpoints`);
  await rec('GET', '/v3/auth/catalog');
  await rec('DELETE', `/v3/OS-EP-FILTER/projects/${projectId}/endpoints/${e1}`);
  await rec('DELETE', `/v3/OS-EP-FILTER/projects/${projectId}/endpoints/${e1}`);
  await rec('POST', '/v3/OS-EP-FILTER/endpoint_groups', { endpoint_group: { name: 'g', filters: {} } });
  await rec('POST', '/v3/OS-EP-FILTER/endpoint_groups', { endpoint_group: { name: 'g', filters: { url: 'x' } } });
  const g = (await rec('POST', '/v3/OS-EP-FILTER/endpoint_groups', { endpoint_group: { name: 'g', filters: { service_id: s1, interface: 'public' } } })).endpoint_group.id;
  await rec('GET', `/v3/OS-EP-FILTER/endpoint_groups/${g}`);
  await rec('PATCH', `/v3/OS-EP-FILTER/endpoint_groups/${g}`, { endpoint_group: { description: 'dd' } });
  await rec('PATCH', `/v3/OS-EP-FILTER/endpoint_groups/${g}`, { endpoint_group: { filters: { bad: 1 } } });
  await rec('GET', `/v3/OS-EP-FILTER/endpoint_groups/${g}/endpoints`);
  await rec('GET', `/v3/OS-EP-FILTER/endpoint_groups/${g}/projects/${projectId}`);
  await rec('PUT', `/v3/OS-EP-FILTER/endpoint_groups/${g}/projects/${projectId}`);
  await rec('PUT', `/v3/OS-EP-FILTER/endpoint_groups/${g}/projects/${projectId}`);
  await rec('PUT', `/v3/OS-EP-FILTER/endpoint_groups/ghost/projects/${projectId}`);
  await rec('GET', `/v3/OS-EP-FILTER/endpoint_groups/${g}/projects/${projectId}`);
  await rec('GET', `/v3/OS-EP-FILTER/projects/${projectId}/endpoint_groups`);
  await rec('GET', `/v3/OS-EP-FILTER/endpoint_groups/ghost/projects`);
  await rec('GET', '/v3/OS-EP-FILTER/endpoint_groups?name=g');
  await rec('GET', '/v3/OS-EP-FILTER/endpoint_groups?a=g');
  await rec('GET', '/v3/auth/catalog');
  await rec('DELETE', `/v3/OS-EP-FILTER/endpoint_groups/${g}`);
  await rec('GET', `/v3/OS-EP-FILTER/endpoint_groups/${g}`);
  const pol1 = await makePolicy('{"a": 1}');
  const pol2 = await makePolicy('{"b": 2}');
  await rec('PUT', '/v3/regions/P-root', { region: {} });
  await rec('PUT', '/v3/regions/P-leaf', { region: { parent_region_id: 'P-root' } });
  const s2 = (await rec('POST', '/v3/services', { service: { type: 'pol-svc' } })).service.id;
  const pe = (await rec('POST', '/v3/endpoints', { endpoint: { interface: 'public', service_id: s2, url: 'http://p', region_id: 'P-leaf' } })).endpoint.id;
  await rec('GET', `/v3/endpoints/${pe}/OS-ENDPOINT-POLICY/policy`);
  await rec('GET', `/v3/endpoints/ghost/OS-ENDPOINT-POLICY/policy`);
  await rec('PUT', `/v3/policies/${pol1}/OS-ENDPOINT-POLICY/services/${s2}`);
  await rec('GET', `/v3/endpoints/${pe}/OS-ENDPOINT-POLICY/policy`);
  await rec('PUT', `/v3/policies/${pol2}/OS-ENDPOINT-POLICY/services/${s2}/regions/P-root`);
  await rec('GET', `/v3/endpoints/${pe}/OS-ENDPOINT-POLICY/policy`);
  await rec('GET', `/v3/policies/${pol2}/OS-ENDPOINT-POLICY/services/${s2}/regions/P-root`);
  await rec('GET', `/v3/policies/${pol1}/OS-ENDPOINT-POLICY/services/${s2}/regions/P-root`);
  await rec('GET', `/v3/policies/${pol2}/OS-ENDPOINT-POLICY/services/${s2}/regions/ghost`);
  await rec('GET', `/v3/policies/ghost/OS-ENDPOINT-POLICY/services/${s2}`);
  await rec('GET', `/v3/policies/${pol2}/OS-ENDPOINT-POLICY/endpoints`);
  await rec('GET', `/v3/policies/${pol1}/OS-ENDPOINT-POLICY/endpoints`);
  await rec('PUT', `/v3/policies/${pol1}/OS-ENDPOINT-POLICY/endpoints/${pe}`);
  await rec('GET', `/v3/policies/${pol1}/OS-ENDPOINT-POLICY/endpoints/${pe}`);
  await rec('GET', `/v3/policies/${pol1}/OS-ENDPOINT-POLICY/endpoints`);
  await rec('GET', `/v3/endpoints/${pe}/OS-ENDPOINT-POLICY/policy`);
  await rec('DELETE', `/v3/policies/${pol1}/OS-ENDPOINT-POLICY/endpoints/${pe}`);
  await rec('DELETE', `/v3/policies/${pol1}/OS-ENDPOINT-POLICY/endpoints/${pe}`);
  await rec('GET', `/v3/policies/${pol1}/OS-ENDPOINT-POLICY/endpoints/${pe}`);
  await rec('DELETE', `/v3/policies/${pol2}/OS-ENDPOINT-POLICY/services/${s2}/regions/P-root`);
  await rec('GET', `/v3/endpoints/${pe}/OS-ENDPOINT-POLICY/policy`);
  await rec('DELETE', `/v3/services/${s1}`);
  await rec('GET', `/v3/endpoints/${e1}`);
  return out;
}

/** Ids and base URLs replaced by stable placeholders; catalogs reduced to our test's services. */
function normalize(x: unknown, base: string, ids: Map<string, string>): unknown {
  if (typeof x === 'string') {
    let s = x.split(base).join('BASE');
    s = s.replace(/[0-9a-f]{32}/g, (id) => {
      if (!ids.has(id)) ids.set(id, `ID${ids.size}`);
      return ids.get(id)!;
    });
    return s;
  }
  if (Array.isArray(x)) return x.map((v) => normalize(v, base, ids));
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (Array.isArray(o.catalog)) o.catalog = (o.catalog as { type: string }[]).filter((s) => s.type === 'compute-x');
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, normalize(v, base, ids)]));
  }
  return x;
}

describe('differential vs reference Keystone', () => {
  let ks: TestServer;
  afterAll(async () => ks?.close());

  it('matches', async () => {
    ks = await startTestServer();
    const tokRes = await fetch(`${REF}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: 'admin', domain: { id: 'default' }, password: 'admin-secret' } } }, scope: { project: { name: 'admin', domain: { id: 'default' } } } } }),
    });
    const refToken = tokRes.headers.get('x-subject-token')!;
    const refProject = (await tokRes.json()).token.project.id;
    const refCall: Call = async (method, url, body) => {
      const r = await fetch(`${REF}${url}`, { method, headers: { 'x-auth-token': refToken, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    };
    const ourProject = (await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { 'x-auth-token': ks.adminToken, 'x-subject-token': ks.adminToken } })).json().token.project.id;
    const ourCall: Call = async (method, url, body) => {
      const r = await ks.request({ method: method as never, url, headers: { 'x-auth-token': ks.adminToken }, payload: body });
      return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
    };
    const refPolicy = async (blob: string) => (await refCall('POST', '/v3/policies', { policy: { type: 'application/json', blob } })).body.policy.id as string;
    let n = 0;
    const ourPolicy = async (blob: string) => {
      const id = `${++n}`.padStart(32, 'f');
      await (ks.runtime.services.database as any).knex()('policy').insert({ id, type: 'application/json', blob: JSON.stringify(blob), extra: '{}' });
      return id;
    };
    const ref = normalize(await scenario(refCall, refProject, refPolicy), 'http://127.0.0.1:35990', new Map([[refProject, 'PROJECT']]));
    const ours = normalize(await scenario(ourCall, ourProject, ourPolicy), 'http://localhost:80', new Map([[ourProject, 'PROJECT']]));
    require('fs').writeFileSync('/tmp/diff-ref.json', JSON.stringify(ref, null, 1));
    require('fs').writeFileSync('/tmp/diff-ours.json', JSON.stringify(ours, null, 1));
    expect(ours).toEqual(ref);
  });
});
