import fc from 'fast-check';
import { startTestServer, type TestServer } from '../../../../test/support/e2e-server';

const ROUTES: [string, string][] = [
  ['PUT', '/v3/regions/:id'],
  ['POST', '/v3/regions'],
  ['PATCH', '/v3/regions/:id'],
  ['DELETE', '/v3/regions/:id'],
  ['POST', '/v3/services'],
  ['PATCH', '/v3/services/:id'],
  ['POST', '/v3/endpoints'],
  ['PATCH', '/v3/endpoints/:id'],
  ['GET', '/v3/endpoints/:id/OS-ENDPOINT-POLICY/policy'],
  ['POST', '/v3/OS-EP-FILTER/endpoint_groups'],
  ['PATCH', '/v3/OS-EP-FILTER/endpoint_groups/:id'],
  ['GET', '/v3/OS-EP-FILTER/endpoint_groups/:id/endpoints'],
  ['PUT', '/v3/OS-EP-FILTER/endpoint_groups/:id/projects/:id'],
  ['PUT', '/v3/OS-EP-FILTER/projects/:id/endpoints/:id'],
  ['GET', '/v3/OS-EP-FILTER/projects/:id/endpoints'],
  ['PUT', '/v3/policies/:id/OS-ENDPOINT-POLICY/services/:id/regions/:id'],
  ['GET', '/v3/policies/:id/OS-ENDPOINT-POLICY/endpoints'],
];

/**
 * Catalog routes with hostile ids and entity bodies shaped like the real
 * ones (so validation passes often and the managers and drivers get hit):
 * never a 5xx. Ids are drawn from a small pool that includes existing
 * regions, services and endpoints, so references resolve some of the time.
 */
describe('catalog routes under hostile input', () => {
  let ks: TestServer;
  const pool: string[] = ['RegionOne', 'r'.repeat(70), 'r'.repeat(256), '', '%00', '__proto__', 'x y'];

  beforeAll(async () => {
    ks = await startTestServer();
    const auth = { 'x-auth-token': ks.adminToken };
    await ks.request({ method: 'PUT', url: '/v3/regions/R1', headers: auth, payload: { region: {} } });
    const svc = (await ks.request({ method: 'POST', url: '/v3/services', headers: auth, payload: { service: { type: 't' } } })).json().service.id;
    const ep = (await ks.request({ method: 'POST', url: '/v3/endpoints', headers: auth, payload: { endpoint: { interface: 'public', service_id: svc, url: 'http://x' } } })).json().endpoint.id;
    pool.push('R1', svc, ep);
  });
  afterAll(async () => ks?.close());

  it('never answers 5xx', async () => {
    const id = fc.oneof(fc.constantFrom(...pool), fc.string({ maxLength: 80 }));
    const value = fc.oneof(fc.jsonValue(), id, fc.constantFrom('http://h/$(project_id)s', 'http://h/$(nope)s', 'http://h/%', 'public', 'admin', null, true));
    const entity = fc.dictionary(
      fc.constantFrom('id', 'description', 'parent_region_id', 'type', 'name', 'enabled', 'interface', 'url', 'region', 'region_id', 'service_id', 'filters', 'legacy_endpoint_id', 'extra', 'links', 'os-x:y'),
      fc.oneof(value, fc.dictionary(fc.constantFrom('interface', 'service_id', 'region_id', 'url'), value)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.array(id, { minLength: 3, maxLength: 3 }), entity, async ([method, path], ids, ref) => {
        let n = 0;
        const url = path.replace(/:id/g, () => encodeURIComponent(ids[n++]) || 'x');
        const key = path.includes('endpoint_groups') ? 'endpoint_group' : path.includes('regions') ? 'region' : path.includes('services') ? 'service' : 'endpoint';
        const res = await ks.request({ method: method as 'GET', url, headers: { 'x-auth-token': ks.adminToken }, payload: ['POST', 'PUT', 'PATCH'].includes(method) ? { [key]: ref } : undefined });
        if (res.statusCode >= 500) throw new Error(`${method} ${url} ${JSON.stringify({ [key]: ref })} → ${res.statusCode} ${res.body}`);
      }),
      { numRuns: 500, seed: Number(process.env.KEYSTONE_TS_FUZZ_SEED ?? 20261123) },
    );
    // The catalog stays buildable whatever was stored.
    const token = await ks.token('admin', ks.adminPassword, 'admin');
    expect((await ks.request({ method: 'GET', url: '/v3/auth/catalog', headers: { 'x-auth-token': token } })).statusCode).toBe(200);
  }, 120_000);
});
