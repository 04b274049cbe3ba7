import { startTestServer, type TestServer } from '../support/e2e-server';

describe('users and groups over HTTP', () => {
  let ks: TestServer;
  let auth: Record<string, string>;
  beforeAll(async () => {
    ks = await startTestServer();
    auth = { 'x-auth-token': ks.adminToken };
  });
  afterAll(async () => ks?.close());

  it('creates, reads, lists, updates and deletes a user', async () => {
    const created = await ks.request({ method: 'POST', url: '/v3/users', headers: auth, payload: { user: { name: 'alice', password: 'secret-1', email: 'a@example.org' } } });
    expect(created.statusCode).toBe(201);
    const user = created.json().user;
    expect(user).toMatchObject({ name: 'alice', domain_id: 'default', enabled: true, email: 'a@example.org', options: {}, password_expires_at: null });
    expect(user).not.toHaveProperty('password');
    expect(user.links.self).toMatch(new RegExp(`/v3/users/${user.id}$`));

    const dup = await ks.request({ method: 'POST', url: '/v3/users', headers: auth, payload: { user: { name: 'alice' } } });
    expect(dup.statusCode).toBe(409);

    const got = await ks.request({ method: 'GET', url: `/v3/users/${user.id}`, headers: auth });
    expect(got.json().user.name).toBe('alice');

    const listed = await ks.request({ method: 'GET', url: '/v3/users?name=alice', headers: auth });
    expect(listed.json().users.map((u: { id: string }) => u.id)).toEqual([user.id]);
    const contains = await ks.request({ method: 'GET', url: '/v3/users?name__contains=lic', headers: auth });
    expect(contains.json().users.map((u: { id: string }) => u.id)).toEqual([user.id]);

    const patched = await ks.request({ method: 'PATCH', url: `/v3/users/${user.id}`, headers: auth, payload: { user: { enabled: false, description: 'off' } } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().user).toMatchObject({ enabled: false, description: 'off' });

    expect((await ks.request({ method: 'DELETE', url: `/v3/users/${user.id}`, headers: auth })).statusCode).toBe(204);
    expect((await ks.request({ method: 'GET', url: `/v3/users/${user.id}`, headers: auth })).statusCode).toBe(404);
  });

  it('lets a user log in and change their own password', async () => {
    const created = await ks.request({ method: 'POST', url: '/v3/users', headers: auth, payload: { user: { name: 'bob', password: 'old-pass' } } });
    const id = created.json().user.id;
    const token = await ks.token('bob', 'old-pass');
    expect(token.length).toBeGreaterThan(100);
    const change = await ks.request({ method: 'POST', url: `/v3/users/${id}/password`, headers: { 'x-auth-token': token }, payload: { user: { original_password: 'old-pass', password: 'new-pass' } } });
    expect(change.statusCode).toBe(204);
    await expect(ks.token('bob', 'old-pass')).rejects.toThrow(/401/);
    await expect(ks.token('bob', 'new-pass')).resolves.toBeTruthy();
  });

  it('manages groups and membership', async () => {
    const u = (await ks.request({ method: 'POST', url: '/v3/users', headers: auth, payload: { user: { name: 'carol' } } })).json().user;
    const g = await ks.request({ method: 'POST', url: '/v3/groups', headers: auth, payload: { group: { name: 'ops', description: 'operators' } } });
    expect(g.statusCode).toBe(201);
    const gid = g.json().group.id;
    expect((await ks.request({ method: 'PUT', url: `/v3/groups/${gid}/users/${u.id}`, headers: auth })).statusCode).toBe(204);
    expect((await ks.request({ method: 'HEAD', url: `/v3/groups/${gid}/users/${u.id}`, headers: auth })).statusCode).toBe(204);
    const members = await ks.request({ method: 'GET', url: `/v3/groups/${gid}/users`, headers: auth });
    expect(members.json().users.map((x: { id: string }) => x.id)).toEqual([u.id]);
    const groups = await ks.request({ method: 'GET', url: `/v3/users/${u.id}/groups`, headers: auth });
    expect(groups.json().groups.map((x: { id: string }) => x.id)).toEqual([gid]);
    expect(groups.json().groups[0]).toMatchObject({ name: 'ops', membership_expires_at: null });
    expect((await ks.request({ method: 'DELETE', url: `/v3/groups/${gid}/users/${u.id}`, headers: auth })).statusCode).toBe(204);
    expect((await ks.request({ method: 'HEAD', url: `/v3/groups/${gid}/users/${u.id}`, headers: auth })).statusCode).toBe(404);
    expect((await ks.request({ method: 'DELETE', url: `/v3/groups/${gid}`, headers: auth })).statusCode).toBe(204);
  });

  it('rejects bad bodies with 400, never 500', async () => {
    for (const payload of [{}, { user: 'x' }, { user: { name: '' } }, { user: { name: 5 } }, { user: { name: 'x', enabled: 'yes' } }, [], 'null']) {
      const res = await ks.request({ method: 'POST', url: '/v3/users', headers: auth, payload });
      expect(res.statusCode).toBe(400);
    }
  });
});
