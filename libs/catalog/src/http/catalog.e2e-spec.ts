import { startTestServer, type TestServer } from '../../../../test/support/e2e-server';

/** Regions, services, endpoints and the token catalog over HTTP, against a booted keystone-ts. */
describe('catalog API over HTTP', () => {
  let ks: TestServer;
  let auth: Record<string, string>;
  const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => ks.request({ method, url, headers: auth, payload });

  beforeAll(async () => {
    ks = await startTestServer({ extraConfig: '[eventlet_server]\npublic_port = 5999\n' });
    auth = { 'x-auth-token': ks.adminToken };
  });
  afterAll(async () => ks?.close());

  it('creates regions with PUT and POST, nests them, refuses cycles and duplicates', async () => {
    const put = await req('PUT', '/v3/regions/Earth', { region: { description: 'home' } });
    expect(put.statusCode).toBe(201);
    expect(put.json().region).toEqual({ id: 'Earth', description: 'home', parent_region_id: null, links: { self: expect.stringMatching(/\/v3\/regions\/Earth$/) } });
    expect((await req('PUT', '/v3/regions/Earth', { region: {} })).json().error).toMatchObject({ code: 409, message: 'Conflict occurred attempting to store region - Duplicate ID, Earth..' });
    expect((await req('PUT', '/v3/regions/Moon', { region: { id: 'Mars' } })).json().error.message).toBe('Conflicting region IDs specified: "Moon" != "Mars"');
    const posted = await req('POST', '/v3/regions', { region: { parent_region_id: 'Earth', 'os-x': 1 } });
    expect(posted.statusCode).toBe(201);
    const child = posted.json().region;
    expect(child).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{32}$/), parent_region_id: 'Earth', description: '', os_x: 1 });
    expect((await req('POST', '/v3/regions', { region: { parent_region_id: 'Nowhere' } })).statusCode).toBe(404);
    const cycle = await req('PATCH', '/v3/regions/Earth', { region: { parent_region_id: child.id } });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.message).toBe('The specified parent region Earth would create a circular region hierarchy.');
    expect((await req('PATCH', '/v3/regions/Earth', { region: { id: 'Other' } })).json().error.message).toBe('Cannot change ID');
    expect((await req('PATCH', '/v3/regions/Earth', { region: {} })).statusCode).toBe(400);
    const listed = await req('GET', '/v3/regions?parent_region_id=Earth');
    expect(listed.json().regions.map((r: { id: string }) => r.id)).toEqual([child.id]);
    // Too wide for the column: Keystone's 400 on every database, never a PostgreSQL error.
    expect((await req('PUT', `/v3/regions/${'r'.repeat(256)}`, { region: {} })).statusCode).toBe(400);
    expect((await req('PATCH', '/v3/regions/Earth', { region: { description: 'd'.repeat(256) } })).json().error.message).toMatch(/^String length exceeded/);
    expect((await req('DELETE', '/v3/regions/Earth')).statusCode).toBe(204);
    expect((await req('GET', `/v3/regions/${child.id}`)).statusCode).toBe(404);
  });

  it('keeps service extras, filters by type and name', async () => {
    const created = await req('POST', '/v3/services', { service: { type: 'compute', name: 'nova', description: 'Compute', 'os-flag': true } });
    expect(created.statusCode).toBe(201);
    const svc = created.json().service;
    expect(svc).toMatchObject({ type: 'compute', name: 'nova', description: 'Compute', os_flag: true, enabled: true });
    expect((await req('POST', '/v3/services', { service: { name: 'no type' } })).statusCode).toBe(400);
    expect((await req('POST', '/v3/services', { service: { type: 'x', enabled: 'yes' } })).statusCode).toBe(400);
    expect((await req('GET', '/v3/services?name=nova')).json().services.map((s: { id: string }) => s.id)).toEqual([svc.id]);
    expect((await req('GET', '/v3/services?type=compute')).json().services.map((s: { id: string }) => s.id)).toEqual([svc.id]);
    expect((await req('PATCH', `/v3/services/${svc.id}`, { service: { enabled: false } })).json().service).toMatchObject({ enabled: false, name: 'nova' });
    expect((await req('DELETE', `/v3/services/${svc.id}`)).statusCode).toBe(204);
    expect((await req('GET', `/v3/services/${svc.id}`)).json().error.message).toBe(`Could not find service: ${svc.id}.`);
  });

  it('validates endpoints, accepts the legacy region attribute, and shows them as Keystone does', async () => {
    const svc = (await req('POST', '/v3/services', { service: { type: 'image', name: 'glance' } })).json().service;
    const bad = (endpoint: object) => req('POST', '/v3/endpoints', { endpoint: { interface: 'public', service_id: svc.id, url: 'http://g', ...endpoint } });
    expect((await bad({ interface: 'external' })).statusCode).toBe(400);
    expect((await bad({ url: 'not a url' })).statusCode).toBe(400);
    expect((await bad({ url: 'http://g/$(nope)s' })).json().error.message).toBe('Cannot create an endpoint with an invalid URL: http://g/$(nope)s.');
    expect((await bad({ service_id: 'ghost' })).json().error.message).toMatch(/^Expecting to find endpoint service_id in service table/);
    expect((await bad({ region_id: 'ghost' })).json().error.message).toMatch(/^Expecting to find endpoint region_id in region table/);
    const created = await bad({ region: 'Legacy', url: 'http://g/$(project_id)s' });
    expect(created.statusCode).toBe(201);
    const ep = created.json().endpoint;
    expect(ep).toMatchObject({ interface: 'public', region_id: 'Legacy', region: 'Legacy', enabled: true, url: 'http://g/$(project_id)s' });
    expect(ep).not.toHaveProperty('legacy_endpoint_id');
    expect((await req('GET', '/v3/regions/Legacy')).statusCode).toBe(200);
    expect((await req('GET', `/v3/endpoints?service_id=${svc.id}&interface=public`)).json().endpoints.map((e: { id: string }) => e.id)).toEqual([ep.id]);
    expect((await req('GET', `/v3/endpoints?service_id=${svc.id}&interface=admin`)).json().endpoints).toEqual([]);
    expect((await req('PATCH', `/v3/endpoints/${ep.id}`, { endpoint: { interface: 'internal' } })).json().endpoint.interface).toBe('internal');
    expect((await req('GET', '/v3/endpoints/ghost')).statusCode).toBe(404);
    expect((await req('DELETE', `/v3/endpoints/${ep.id}`)).statusCode).toBe(204);
  });

  it('puts expanded URLs in project-scoped tokens and /v3/auth/catalog', async () => {
    const svc = (await req('POST', '/v3/services', { service: { type: 'volumev3', name: 'cinder' } })).json().service;
    await req('POST', '/v3/endpoints', { endpoint: { interface: 'public', service_id: svc.id, url: 'http://c:$(public_port)s/v3/$(project_id)s' } });
    const token = await ks.token('admin', ks.adminPassword, 'admin');
    const res = await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth, 'x-subject-token': token } });
    const projectId = res.json().token.project.id;
    const entry = res.json().token.catalog.find((s: { type: string }) => s.type === 'volumev3');
    expect(entry).toMatchObject({ id: svc.id, name: 'cinder', endpoints: [{ interface: 'public', url: `http://c:5999/v3/${projectId}`, region: null, region_id: null }] });
    const catalog = await ks.request({ method: 'GET', url: '/v3/auth/catalog', headers: { 'x-auth-token': token } });
    expect(catalog.json().catalog).toEqual(res.json().token.catalog);
  });

  it('publishes the catalog relations in JSON-Home', async () => {
    const home = await ks.request({ method: 'GET', url: '/v3', headers: { accept: 'application/json-home' } });
    const rels = Object.keys(home.json().resources);
    for (const rel of ['rel/regions', 'rel/endpoint', 'ext/OS-EP-FILTER/1.0/rel/endpoint_groups', 'ext/OS-ENDPOINT-POLICY/1.0/rel/endpoint_policy']) {
      expect(rels).toContain(`https://docs.openstack.org/api/openstack-identity/3/${rel}`);
    }
  });

  it('asks for a token first, and an admin for writes (401, then 404 for an endpoint, then 403)', async () => {
    expect((await ks.request({ method: 'GET', url: '/v3/regions' })).statusCode).toBe(401);
    const user = (await req('POST', '/v3/users', { user: { name: 'catalog-member', password: 'member-pw' } })).json().user;
    const member = (await req('GET', '/v3/roles?name=member')).json().roles[0];
    const project = (await req('GET', '/v3/projects?name=admin')).json().projects[0];
    expect((await req('PUT', `/v3/projects/${project.id}/users/${user.id}/roles/${member.id}`)).statusCode).toBe(204);
    const headers = { 'x-auth-token': await ks.token('catalog-member', 'member-pw', 'admin') };
    expect((await ks.request({ method: 'GET', url: '/v3/regions', headers })).statusCode).toBe(200);
    expect((await ks.request({ method: 'PUT', url: '/v3/regions/NotYours', headers, payload: { region: {} } })).statusCode).toBe(403);
    expect((await ks.request({ method: 'GET', url: '/v3/services', headers })).statusCode).toBe(403);
    expect((await ks.request({ method: 'DELETE', url: '/v3/endpoints/ghost', headers })).statusCode).toBe(404);
  });
});

describe('catalog list_limit over HTTP', () => {
  let ks: TestServer;
  beforeAll(async () => (ks = await startTestServer({ extraConfig: '[catalog]\nlist_limit = 2\n' })));
  afterAll(async () => ks?.close());

  it('truncates services and endpoints, never regions (Keystone lists regions without a limit)', async () => {
    const auth = { 'x-auth-token': ks.adminToken };
    const req = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => ks.request({ method, url, headers: auth, payload });
    for (const r of ['a', 'b', 'c']) await req('PUT', `/v3/regions/${r}`, { region: {} });
    for (const t of ['t1', 't2', 't3']) {
      const svc = (await req('POST', '/v3/services', { service: { type: t } })).json().service;
      await req('POST', '/v3/endpoints', { endpoint: { interface: 'public', service_id: svc.id, url: 'http://x' } });
    }
    const services = (await req('GET', '/v3/services')).json();
    expect(services.services).toHaveLength(2);
    expect(services.truncated).toBe(true);
    expect((await req('GET', '/v3/endpoints')).json()).toMatchObject({ truncated: true, endpoints: [expect.anything(), expect.anything()] });
    expect((await req('GET', '/v3/services?type=t3')).json()).not.toHaveProperty('truncated');
    const regions = (await req('GET', '/v3/regions')).json();
    expect(regions.regions.length).toBeGreaterThanOrEqual(3);
    expect(regions).not.toHaveProperty('truncated');
  });
});
