import { CacheRegions } from '@keystone-ts/core';
import { startTestServer, type TestServer } from '../../../test/support/e2e-server';
import { MEMORY_CACHE, countQueries } from '../../../test/support/count-queries';
import { ResourceManager } from './resource.manager';

describe('resource reads on a warm memory cache', () => {
  let server: TestServer;
  let resource: ResourceManager;
  const admin = () => ({ 'x-auth-token': server.adminToken });

  beforeAll(async () => {
    server = await startTestServer({ extraConfig: MEMORY_CACHE });
    resource = server.app.get(ResourceManager);
  });
  afterAll(() => server?.close());

  it('serves projects, domains and parents without SQL', async () => {
    expect(server.app.get(CacheRegions).enabled).toBe(true);
    const project = await resource.getProjectByName('admin', 'default');
    const reads = () =>
      Promise.all([
        resource.getProject(project.id),
        resource.getProjectByName('admin', 'default'),
        resource.getDomain('default'),
        resource.getDomainByName('Default'),
        resource.assertProjectEnabled(project.id),
        resource.assertDomainEnabled('default'),
        resource.listProjectParents(project.id),
      ]);
    const cold = await reads();
    expect(await countQueries(server, reads)).toEqual([]);
    // What comes out of the cache is what the database gave.
    expect(await reads()).toEqual(cold);
  });

  it('a disabled project refuses its tokens at once, and a rename shows at once', async () => {
    const post = (url: string, payload: unknown) => server.request({ method: 'POST', url, headers: admin(), payload });
    const project = (await post('/v3/projects', { project: { name: 'cached-p', domain_id: 'default' } })).json().project;
    const user = (await post('/v3/users', { user: { name: 'cached-u', domain_id: 'default', password: 'Secret-123' } })).json().user;
    const member = await server.request({ method: 'GET', url: '/v3/roles?name=member', headers: admin() });
    const roleId = member.json().roles[0].id;
    expect((await server.request({ method: 'PUT', url: `/v3/projects/${project.id}/users/${user.id}/roles/${roleId}`, headers: admin() })).statusCode).toBe(204);

    const t = await server.token('cached-u', 'Secret-123', 'cached-p');
    const validate = () => server.request({ method: 'GET', url: '/v3/auth/tokens?nocatalog', headers: { ...admin(), 'x-subject-token': t } });
    expect((await validate()).statusCode).toBe(200);
    await resource.getProject(project.id);
    expect(await countQueries(server, () => resource.getProject(project.id))).toEqual([]);

    const patch = (body: unknown) => server.request({ method: 'PATCH', url: `/v3/projects/${project.id}`, headers: admin(), payload: { project: body } });
    expect((await patch({ enabled: false })).statusCode).toBe(200);
    expect((await validate()).statusCode).toBe(404);
    expect((await resource.getProject(project.id)).enabled).toBe(false);
    await expect(resource.assertProjectEnabled(project.id)).rejects.toThrow(/disabled/);
    await expect(server.token('cached-u', 'Secret-123', 'cached-p')).rejects.toThrow(/401/);

    expect((await patch({ enabled: true, name: 'cached-p2' })).statusCode).toBe(200);
    expect((await resource.getProject(project.id)).name).toBe('cached-p2');
    await expect(resource.getProjectByName('cached-p', 'default')).rejects.toThrow();
    await server.token('cached-u', 'Secret-123', 'cached-p2');

    // Tags are writes too.
    expect((await server.request({ method: 'PUT', url: `/v3/projects/${project.id}/tags/blue`, headers: admin() })).statusCode).toBe(201);
    expect((await resource.getProject(project.id)).tags).toEqual(['blue']);

    expect((await patch({ enabled: false })).statusCode).toBe(200);
    expect((await server.request({ method: 'DELETE', url: `/v3/projects/${project.id}`, headers: admin() })).statusCode).toBe(204);
    await expect(resource.getProject(project.id)).rejects.toThrow();
  });

  it('a disabled domain is seen at once', async () => {
    const d = (await server.request({ method: 'POST', url: '/v3/domains', headers: admin(), payload: { domain: { name: 'cached-d' } } })).json().domain;
    await resource.assertDomainEnabled(d.id);
    await resource.getDomainByName('cached-d');
    expect((await server.request({ method: 'PATCH', url: `/v3/domains/${d.id}`, headers: admin(), payload: { domain: { enabled: false } } })).statusCode).toBe(200);
    await expect(resource.assertDomainEnabled(d.id)).rejects.toThrow(/disabled/);
    expect((await resource.getDomainByName('cached-d')).enabled).toBe(false);
    expect((await server.request({ method: 'DELETE', url: `/v3/domains/${d.id}`, headers: admin() })).statusCode).toBe(204);
    await expect(resource.getDomain(d.id)).rejects.toThrow();
  });
});
