import { startTestServer, type TestServer } from '../../../test/support/e2e-server';

/** Domains, projects and tags through the whole keystone-all stack (real tokens, real identity). */
describe('resource over HTTP (keystone-all, bootstrapped)', () => {
  let ks: TestServer;
  let auth: Record<string, string>;
  const call = (method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    ks.request({ method, url, headers: auth, payload });

  beforeAll(async () => {
    ks = await startTestServer();
    auth = { 'x-auth-token': ks.adminToken };
  });
  afterAll(async () => ks?.close());

  it('shows the bootstrapped default domain and admin project as Keystone does', async () => {
    const domain = (await call('GET', '/v3/domains/default')).json().domain;
    expect(domain).toMatchObject({ id: 'default', name: 'Default', enabled: true, tags: [], options: {} });
    const admin = (await call('GET', '/v3/projects?name=admin')).json().projects;
    expect(admin).toHaveLength(1);
    expect(admin[0]).toMatchObject({ name: 'admin', domain_id: 'default', parent_id: 'default', is_domain: false, tags: [], options: {} });
  });

  it('runs a domain through its life: create, project inside, disable, cascade delete', async () => {
    const created = await call('POST', '/v3/domains', { domain: { name: 'e2e-dom', description: 'e2e' } });
    expect(created.statusCode).toBe(201);
    const d = created.json().domain;
    const p = await call('POST', '/v3/projects', { project: { name: 'e2e-proj', domain_id: d.id, tags: ['x'] } });
    expect(p.statusCode).toBe(201);
    const user = await ks.request({ method: 'POST', url: '/v3/users', headers: auth, payload: { user: { name: 'e2e-user', domain_id: d.id } } });
    expect(user.statusCode).toBe(201);

    const refused = await call('DELETE', `/v3/domains/${d.id}`);
    expect([refused.statusCode, refused.json().error.message]).toEqual([403, 'Cannot delete a domain that is enabled, please disable it first.']);
    expect((await call('PATCH', `/v3/domains/${d.id}`, { domain: { enabled: false } })).statusCode).toBe(200);
    expect((await call('DELETE', `/v3/domains/${d.id}`)).statusCode).toBe(204);

    expect((await call('GET', `/v3/domains/${d.id}`)).statusCode).toBe(404);
    expect((await call('GET', `/v3/projects/${p.json().project.id}`)).statusCode).toBe(404);
    expect((await call('GET', `/v3/users/${user.json().user.id}`)).statusCode).toBe(404);
  });

  it('serves projects: hierarchy, filters, update with `extra`, tags, leaf-only delete', async () => {
    const parent = (await call('POST', '/v3/projects', { project: { name: 'e2e-parent', domain_id: 'default' } })).json().project;
    const child = (await call('POST', '/v3/projects', { project: { name: 'e2e-child', parent_id: parent.id, domain_id: 'default' } })).json().project;
    expect(child).toMatchObject({ parent_id: parent.id, domain_id: 'default' });
    expect((await call('GET', `/v3/projects/${child.id}?parents_as_ids`)).json().project.parents).toEqual({ [parent.id]: { default: null } });
    expect((await call('GET', `/v3/projects?parent_id=${parent.id}`)).json().projects.map((x: { id: string }) => x.id)).toEqual([child.id]);

    const patched = await call('PATCH', `/v3/projects/${child.id}`, { project: { description: 'changed' } });
    expect(patched.json().project).toMatchObject({ description: 'changed', extra: {} });

    expect((await call('PUT', `/v3/projects/${child.id}/tags/blue`)).statusCode).toBe(201);
    expect((await call('HEAD', `/v3/projects/${child.id}/tags/blue`)).statusCode).toBe(204);
    expect((await call('GET', `/v3/projects?tags=blue`)).json().projects.map((x: { id: string }) => x.id)).toEqual([child.id]);

    expect((await call('DELETE', `/v3/projects/${parent.id}`)).statusCode).toBe(403);
    expect((await call('DELETE', `/v3/projects/${child.id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/v3/projects/${parent.id}`)).statusCode).toBe(204);
  });

  it('refuses callers without a valid token (401)', async () => {
    expect((await ks.request({ method: 'GET', url: '/v3/projects' })).statusCode).toBe(401);
    expect((await ks.request({ method: 'GET', url: '/v3/domains', headers: { 'x-auth-token': 'garbage' } })).statusCode).toBe(401);
  });
});
