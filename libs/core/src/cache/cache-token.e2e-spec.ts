import { TokenManager } from '@keystone-ts/token';
import { IdentityManager } from '@keystone-ts/identity';
import { startTestServer, type TestServer } from '../../../../test/support/e2e-server';
import { countQueries } from '../../../../test/support/count-queries';
import { CacheRegions } from './cache-regions';
import { CacheServer } from './testing/cache-servers';
import { wireCacheIntoTestServer } from './testing/cache-wiring';

wireCacheIntoTestServer();

describe.each([
  ['memcached', (s: CacheServer) => `[cache]\nbackend = dogpile.cache.memcached\nmemcache_servers = ${s.address}\n`],
  ['redis', (s: CacheServer) => `[cache]\nbackend = dogpile.cache.redis\nbackend_argument = url:redis://${s.address}/0\n`],
] as const)('token validation on a warm %s cache', (kind, conf) => {
  let cache: CacheServer;
  let server: TestServer;

  beforeAll(async () => {
    cache = await CacheServer.start(kind);
    server = await startTestServer({ extraConfig: conf(cache) });
  });
  afterAll(async () => {
    await server?.close();
    await cache?.stop();
  });

  it('uses the configured backend', () => {
    expect(server.app.get(CacheRegions).health()).toMatchObject({ state: 'closed', backend: kind === 'redis' ? 'dogpile.cache.redis' : 'dogpile.cache.memcached' });
  });

  it('runs no SQL at all (manager and HTTP), and a revocation still takes effect at once', async () => {
    const tokens = server.app.get(TokenManager);
    const t = await server.token('admin', server.adminPassword, 'admin');
    const cold = await countQueries(server, () => tokens.validate(t));
    expect(cold.length).toBeGreaterThan(0);
    await tokens.validate(t);

    expect(await countQueries(server, () => tokens.validate(t))).toEqual([]);
    const headers = { 'x-auth-token': t, 'x-subject-token': t };
    await server.request({ method: 'GET', url: '/v3/auth/tokens?nocatalog', headers });
    let status = 0;
    const http = await countQueries(server, async () => {
      status = (await server.request({ method: 'GET', url: '/v3/auth/tokens?nocatalog', headers })).statusCode;
    });
    expect(status).toBe(200);
    expect(http).toEqual([]);

    const del = await server.request({ method: 'DELETE', url: '/v3/auth/tokens', headers: { 'x-auth-token': server.adminToken, 'x-subject-token': t } });
    expect(del.statusCode).toBe(204);
    await expect(tokens.validate(t)).rejects.toThrow(/Failed to validate token/);
    expect((await server.request({ method: 'GET', url: '/v3/auth/tokens?nocatalog', headers: { 'x-auth-token': server.adminToken, 'x-subject-token': t } })).statusCode).toBe(404);
  });

  it('serves users from the cache and drops them on update', async () => {
    const identity = server.app.get(IdentityManager);
    const created = await identity.createUser({ name: `cached-${kind}`, domain_id: 'default', password: 'Secret-123', enabled: true });
    await identity.getUser(created.id);
    expect(await countQueries(server, () => identity.getUser(created.id))).toEqual([]);
    await identity.getUserByName(created.name, 'default');
    expect(await countQueries(server, () => identity.getUserByName(created.name, 'default'))).toEqual([]);
    await identity.updateUser(created.id, { name: `renamed-${kind}`, enabled: false });
    expect(await identity.getUser(created.id)).toMatchObject({ name: `renamed-${kind}`, enabled: false });
    await expect(identity.getUserByName(created.name, 'default')).rejects.toThrow();
    await identity.deleteUser(created.id);
    await expect(identity.getUser(created.id)).rejects.toThrow();
  });

  it('a token of a disabled user is refused at once, even when its validation was cached', async () => {
    const identity = server.app.get(IdentityManager);
    const tokens = server.app.get(TokenManager);
    const u = await identity.createUser({ name: `victim-${kind}`, domain_id: 'default', password: 'Secret-123', enabled: true });
    const t = await server.token(u.name, 'Secret-123');
    await tokens.validate(t);
    await tokens.validate(t);
    await identity.updateUser(u.id, { enabled: false });
    await expect(tokens.validate(t)).rejects.toThrow(/Failed to validate token/);
  });

  it('a warm validation shows new grants and renamed roles, projects and users at once', async () => {
    const admin = { 'x-auth-token': server.adminToken };
    const post = async (url: string, payload: unknown) => (await server.request({ method: 'POST', url, headers: admin, payload })).json();
    const patch = async (url: string, payload: unknown) => expect((await server.request({ method: 'PATCH', url, headers: admin, payload })).statusCode).toBe(200);
    const { project } = await post('/v3/projects', { project: { name: `p-${kind}`, domain_id: 'default' } });
    const { user } = await post('/v3/users', { user: { name: `u-${kind}`, domain_id: 'default', password: 'Secret-123' } });
    const { role: r1 } = await post('/v3/roles', { role: { name: `r1-${kind}` } });
    const { role: r2 } = await post('/v3/roles', { role: { name: `r2-${kind}` } });
    expect((await server.request({ method: 'PUT', url: `/v3/projects/${project.id}/users/${user.id}/roles/${r1.id}`, headers: admin })).statusCode).toBe(204);
    const t = await server.token(user.name, 'Secret-123', project.name);
    const tokens = server.app.get(TokenManager);
    const view = async () => {
      await tokens.validate(t);
      const m = await tokens.validate(t); // warm
      return { roles: m.roles.map((r) => r.name).sort(), project: m.project?.name, user: m.user.name };
    };
    expect(await view()).toEqual({ roles: [r1.name], project: project.name, user: user.name });

    expect((await server.request({ method: 'PUT', url: `/v3/projects/${project.id}/users/${user.id}/roles/${r2.id}`, headers: admin })).statusCode).toBe(204);
    expect((await view()).roles).toEqual([r1.name, r2.name].sort());
    await patch(`/v3/roles/${r2.id}`, { role: { name: `r2b-${kind}` } });
    expect((await view()).roles).toEqual([r1.name, `r2b-${kind}`].sort());
    await patch(`/v3/projects/${project.id}`, { project: { name: `p2-${kind}` } });
    expect((await view()).project).toBe(`p2-${kind}`);
    await patch(`/v3/users/${user.id}`, { user: { name: `u2-${kind}` } });
    expect((await view()).user).toBe(`u2-${kind}`);
  });
});
