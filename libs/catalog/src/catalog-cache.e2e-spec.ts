import { startTestServer, type TestServer } from '../../../test/support/e2e-server';
import { MEMORY_CACHE, countQueries } from '../../../test/support/count-queries';
import { CatalogManager } from './catalog.manager';

describe('token catalogs on a warm memory cache', () => {
  let server: TestServer;
  let catalog: CatalogManager;
  const headers = () => ({ 'x-auth-token': server.adminToken });
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) => server.request({ method, url, headers: headers(), payload });
  /** Endpoint ids of the admin token's catalog, as validation renders it. */
  const tokenEndpoints = async () => {
    const res = await server.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...headers(), 'x-subject-token': server.adminToken } });
    expect(res.statusCode).toBe(200);
    return (res.json().token.catalog as { endpoints: { id: string; url: string }[] }[]).flatMap((s) => s.endpoints);
  };

  beforeAll(async () => {
    server = await startTestServer({ extraConfig: MEMORY_CACHE });
    catalog = server.app.get(CatalogManager);
  });
  afterAll(() => server?.close());

  it('computes a catalog once, and every catalog or endpoint-filter write shows in the next one', async () => {
    const admin = (await call('GET', '/v3/users?name=admin')).json().users[0].id as string;
    const project = (await call('GET', '/v3/projects?name=admin')).json().projects[0].id as string;
    const cold = await catalog.getCatalog(admin, project);
    expect(await countQueries(server, () => catalog.getCatalog(admin, project))).toEqual([]);
    expect(await catalog.getCatalog(admin, project)).toEqual(cold);

    const service = (await call('POST', '/v3/services', { service: { type: 'compute', name: 'nova' } })).json().service.id as string;
    const created = await call('POST', '/v3/endpoints', { endpoint: { service_id: service, interface: 'public', url: 'http://nova/$(project_id)s' } });
    expect(created.statusCode).toBe(201);
    const endpoint = created.json().endpoint.id as string;
    const ours = async () => (await tokenEndpoints()).find((e) => e.id === endpoint);
    expect(await ours()).toMatchObject({ url: `http://nova/${project}` });

    expect((await call('PATCH', `/v3/endpoints/${endpoint}`, { endpoint: { url: 'http://nova2/' } })).statusCode).toBe(200);
    expect(await ours()).toMatchObject({ url: 'http://nova2/' });

    // A project endpoint filter narrows the catalog to it, and removing it widens it again.
    const all = (await tokenEndpoints()).length;
    expect(all).toBeGreaterThan(1);
    expect((await call('PUT', `/v3/OS-EP-FILTER/projects/${project}/endpoints/${endpoint}`)).statusCode).toBe(204);
    expect((await tokenEndpoints()).map((e) => e.id)).toEqual([endpoint]);
    expect((await call('DELETE', `/v3/OS-EP-FILTER/projects/${project}/endpoints/${endpoint}`)).statusCode).toBe(204);
    expect((await tokenEndpoints()).length).toBe(all);

    expect((await call('PATCH', `/v3/services/${service}`, { service: { enabled: false } })).statusCode).toBe(200);
    expect(await ours()).toBeUndefined();
    expect((await call('DELETE', `/v3/services/${service}`)).statusCode).toBe(204);
    expect((await tokenEndpoints()).length).toBe(all - 1);
  });
});
