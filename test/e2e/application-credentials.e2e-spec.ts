import { startTestServer, type TestServer } from '../support/e2e-server';

describe('application credentials and access rules', () => {
  let ks: TestServer;
  let admin: Record<string, string>;
  let projectId: string;
  const roles: Record<string, string> = {};

  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD', url: string, token: string, payload?: unknown) =>
    ks.request({ method, url, headers: { 'x-auth-token': token }, payload });

  async function makeUser(name: string, grants: string[] = ['member']): Promise<{ id: string; token: string }> {
    const created = await req('POST', '/v3/users', ks.adminToken, { user: { name, password: 'pw-' + name, domain_id: 'default' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().user.id as string;
    for (const role of grants) expect((await req('PUT', `/v3/projects/${projectId}/users/${id}/roles/${roles[role]}`, ks.adminToken)).statusCode).toBe(204);
    return { id, token: await ks.token(name, 'pw-' + name, 'apps') };
  }

  const createCred = (user: { id: string; token: string }, body: Record<string, unknown>) =>
    req('POST', `/v3/users/${user.id}/application_credentials`, user.token, { application_credential: body });

  const authWith = (identity: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    ks.request({ method: 'POST', url: '/v3/auth/tokens', payload: { auth: { identity: { methods: ['application_credential'], application_credential: identity }, ...extra } } });

  beforeAll(async () => {
    ks = await startTestServer({ extraConfig: '[application_credential]\nuser_limit = 6' });
    admin = { 'x-auth-token': ks.adminToken };
    const p = await ks.request({ method: 'POST', url: '/v3/projects', headers: admin, payload: { project: { name: 'apps', domain_id: 'default' } } });
    projectId = p.json().project.id;
    for (const name of ['admin', 'member', 'reader']) {
      roles[name] = (await ks.request({ method: 'GET', url: `/v3/roles?name=${name}`, headers: admin })).json().roles[0].id;
    }
    const extra = await ks.request({ method: 'POST', url: '/v3/roles', headers: admin, payload: { role: { name: 'extra' } } });
    roles.extra = extra.json().role.id;
  });
  afterAll(async () => ks?.close());

  it('creates, shows, lists, filters and deletes; the secret is shown once', async () => {
    const alice = await makeUser('alice');
    const created = await createCred(alice, { name: 'ci', description: 'for CI' });
    expect(created.statusCode).toBe(201);
    const cred = created.json().application_credential;
    expect(cred).toMatchObject({ name: 'ci', description: 'for CI', project_id: projectId, unrestricted: false, expires_at: null });
    expect(cred.secret).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(cred).not.toHaveProperty('user_id');
    expect(cred).not.toHaveProperty('access_rules');
    expect(cred.links.self).toMatch(new RegExp(`/v3/application_credentials/${cred.id}$`));
    // Without roles asked for, the credential gets the token's roles (implied ones included).
    expect(cred.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);

    const shown = await req('GET', `/v3/users/${alice.id}/application_credentials/${cred.id}`, alice.token);
    expect(shown.statusCode).toBe(200);
    expect(shown.json().application_credential).not.toHaveProperty('secret');
    expect(shown.json().application_credential.id).toBe(cred.id);

    expect((await createCred(alice, { name: 'other' })).statusCode).toBe(201);
    const all = await req('GET', `/v3/users/${alice.id}/application_credentials`, alice.token);
    expect(all.json().application_credentials.map((c: { name: string }) => c.name).sort()).toEqual(['ci', 'other']);
    expect(all.json().links).toMatchObject({ next: null, previous: null });
    const byName = await req('GET', `/v3/users/${alice.id}/application_credentials?name=other`, alice.token);
    expect(byName.json().application_credentials.map((c: { name: string }) => c.name)).toEqual(['other']);

    const dup = await createCred(alice, { name: 'ci' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 409, title: 'Conflict' });

    expect((await req('DELETE', `/v3/users/${alice.id}/application_credentials/${cred.id}`, alice.token)).statusCode).toBe(204);
    const gone = await req('GET', `/v3/users/${alice.id}/application_credentials/${cred.id}`, alice.token);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.message).toBe(`Could not find Application Credential: ${cred.id}.`);
  });

  it('keeps a given secret and the exact expiry, microseconds included', async () => {
    const u = await makeUser('exact');
    const created = await createCred(u, { name: 'x', secret: 'my-secret', expires_at: '2099-01-02T03:04:05.123456', unrestricted: true });
    expect(created.statusCode).toBe(201);
    expect(created.json().application_credential).toMatchObject({ secret: 'my-secret', expires_at: '2099-01-02T03:04:05.123456', unrestricted: true });
    const listed = await req('GET', `/v3/users/${u.id}/application_credentials`, u.token);
    expect(listed.json().application_credentials[0].expires_at).toBe('2099-01-02T03:04:05.123456');
  });

  it('answers bad requests with Keystone errors', async () => {
    const bob = await makeUser('bob');
    const cases: [Record<string, unknown>, number][] = [
      [{}, 400],
      [{ name: '' }, 400],
      [{ name: 'a', roles: [{ id: roles.admin }] }, 400],
      [{ name: 'a', roles: [{ name: 'no-such-role' }] }, 404],
      [{ name: 'a', roles: [{ id: 'x', name: 'y' }] }, 400],
      [{ name: 'a', expires_at: '2001-01-01T00:00:00' }, 400],
      [{ name: 'a', expires_at: 'tomorrow' }, 400],
      [{ name: 'a', unrestricted: 'yes' }, 400],
      [{ name: 'a', access_rules: [{ path: 'no-slash', method: 'GET', service: 'compute' }] }, 400],
      [{ name: 'a', access_rules: [{ path: '/x', method: 'FETCH', service: 'compute' }] }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await createCred(bob, body);
      expect([JSON.stringify(body), res.statusCode]).toEqual([JSON.stringify(body), status]);
      expect(res.json().error.code).toBe(status);
    }
    const unassigned = await createCred(bob, { name: 'a', roles: [{ id: roles.admin }] });
    expect(unassigned.json().error.message).toBe('Invalid application credential: Cannot create an application credential with unassigned role');
    const body = { application_credential: { name: 'a' } };
    expect((await ks.request({ method: 'POST', url: `/v3/users/${bob.id}/application_credentials`, payload: body })).statusCode).toBe(401);
    // Creating for someone else is refused even by an admin.
    expect((await req('POST', `/v3/users/${bob.id}/application_credentials`, ks.adminToken, body)).statusCode).toBe(403);
  });

  it('judges ownership on the credential, not on the user named in the path', async () => {
    const owner = await makeUser('owner');
    const snoop = await makeUser('snoop');
    const cred = (await createCred(owner, { name: 'mine' })).json().application_credential;
    expect((await req('GET', `/v3/users/${snoop.id}/application_credentials/${cred.id}`, snoop.token)).statusCode).toBe(403);
    expect((await req('DELETE', `/v3/users/${snoop.id}/application_credentials/${cred.id}`, snoop.token)).statusCode).toBe(403);
    expect((await req('GET', `/v3/users/${owner.id}/application_credentials`, snoop.token)).statusCode).toBe(403);
    expect((await req('GET', `/v3/users/${owner.id}/application_credentials/${cred.id}`, ks.adminToken)).statusCode).toBe(200);
  });

  it('enforces [application_credential] user_limit', async () => {
    const u = await makeUser('limited');
    for (let i = 0; i < 6; i++) expect((await createCred(u, { name: `c${i}` })).statusCode).toBe(201);
    const over = await createCred(u, { name: 'c6' });
    expect(over.statusCode).toBe(403);
    expect(over.json().error.message).toBe('Unable to create additional application credentials, maximum of 6 already exceeded for user.');
  });

  it('authenticates by id or by name and user, scoped to the credential project', async () => {
    const carol = await makeUser('carol');
    const cred = (await createCred(carol, { name: 'deploy' })).json().application_credential;
    const byId = await authWith({ id: cred.id, secret: cred.secret });
    expect(byId.statusCode).toBe(201);
    const token = byId.json().token;
    expect(token.methods).toEqual(['application_credential']);
    expect(token.project.id).toBe(projectId);
    expect(token.user.id).toBe(carol.id);
    expect(token.application_credential).toEqual({ id: cred.id, name: 'deploy', restricted: true });
    expect(token.catalog).toBeDefined();

    // The token validates to the same body.
    const id = byId.headers['x-subject-token'] as string;
    const validated = await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...admin, 'x-subject-token': id } });
    expect(validated.json().token.application_credential).toEqual(token.application_credential);

    expect((await authWith({ name: 'deploy', secret: cred.secret, user: { id: carol.id } })).statusCode).toBe(201);
    expect((await authWith({ name: 'deploy', secret: cred.secret, user: { name: 'carol', domain: { name: 'Default' } } })).statusCode).toBe(201);

    for (const bad of [{ id: cred.id, secret: 'wrong' }, { id: cred.id }, { id: 'nope', secret: cred.secret }, { name: 'nope', secret: cred.secret, user: { id: carol.id } }]) {
      const res = await authWith(bad);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe(401);
    }
    expect((await authWith({ name: 'deploy', secret: cred.secret })).statusCode).toBe(400);
    expect((await authWith({ secret: cred.secret })).statusCode).toBe(400);
    // An application credential chooses its own scope.
    const scoped = await authWith({ id: cred.id, secret: cred.secret }, { scope: { project: { id: projectId } } });
    expect(scoped.statusCode).toBe(401);
    // Its token cannot be rescoped with the token method.
    const rescope = await ks.request({ method: 'POST', url: '/v3/auth/tokens', payload: { auth: { identity: { methods: ['token'], token: { id } } } } });
    expect(rescope.statusCode).toBe(403);
    // Deleting the credential invalidates its tokens.
    expect((await req('DELETE', `/v3/users/${carol.id}/application_credentials/${cred.id}`, carol.token)).statusCode).toBe(204);
    expect((await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...admin, 'x-subject-token': id } })).statusCode).toBe(404);
  });

  it('limits the token to the credential roles the user still has', async () => {
    const dave = await makeUser('dave', ['member', 'extra']);
    const readerOnly = (await createCred(dave, { name: 'ro', roles: [{ name: 'reader' }] })).json().application_credential;
    expect(readerOnly.roles.map((r: { id: string }) => r.id)).toEqual([roles.reader]);
    const t = await authWith({ id: readerOnly.id, secret: readerOnly.secret });
    expect(t.json().token.roles.map((r: { name: string }) => r.name)).toEqual(['reader']);

    const withExtra = (await createCred(dave, { name: 'ex', roles: [{ id: roles.extra }, { id: roles.member }] })).json().application_credential;
    const before = await authWith({ id: withExtra.id, secret: withExtra.secret });
    expect(before.json().token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['extra', 'member']);
    // Losing a role the credential needs removes the credential; the others stay.
    expect((await req('DELETE', `/v3/projects/${projectId}/users/${dave.id}/roles/${roles.extra}`, ks.adminToken)).statusCode).toBe(204);
    expect((await req('GET', `/v3/users/${dave.id}/application_credentials/${withExtra.id}`, ks.adminToken)).statusCode).toBe(404);
    expect((await authWith({ id: withExtra.id, secret: withExtra.secret })).statusCode).toBe(401);
    expect((await authWith({ id: readerOnly.id, secret: readerOnly.secret })).statusCode).toBe(201);
  });

  it('caps the token at the credential expiry and refuses an expired credential', async () => {
    const erin = await makeUser('erin');
    const soon = new Date(Date.now() + 10 * 60 * 1000);
    const cred = (await createCred(erin, { name: 'soon', expires_at: soon.toISOString().replace('Z', '') })).json().application_credential;
    const t = await authWith({ id: cred.id, secret: cred.secret });
    expect(t.statusCode).toBe(201);
    expect(new Date(t.json().token.expires_at).getTime()).toBe(Math.floor(soon.getTime() / 1000) * 1000);

    const brief = (await createCred(erin, { name: 'brief', expires_at: new Date(Date.now() + 1200).toISOString() })).json().application_credential;
    await new Promise((r) => setTimeout(r, 1500));
    expect((await authWith({ id: brief.id, secret: brief.secret })).statusCode).toBe(401);
  });

  it('lets only unrestricted credentials manage application credentials', async () => {
    const fay = await makeUser('fay');
    const restricted = (await createCred(fay, { name: 'r' })).json().application_credential;
    const open = (await createCred(fay, { name: 'u', unrestricted: true })).json().application_credential;
    const rToken = (await authWith({ id: restricted.id, secret: restricted.secret })).headers['x-subject-token'] as string;
    const uToken = (await authWith({ id: open.id, secret: open.secret })).headers['x-subject-token'] as string;
    const denied = await req('POST', `/v3/users/${fay.id}/application_credentials`, rToken, { application_credential: { name: 'child' } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toContain("Using method 'application_credential' is not allowed");
    expect((await req('DELETE', `/v3/users/${fay.id}/application_credentials/${open.id}`, rToken)).statusCode).toBe(403);
    // Nor may it delegate through a trust.
    const trustee = await makeUser('trustee');
    const trust = { trust: { trustor_user_id: fay.id, trustee_user_id: trustee.id, project_id: projectId, impersonation: false, roles: [{ name: 'member' }] } };
    expect((await req('POST', '/v3/OS-TRUST/trusts', rToken, trust)).statusCode).toBe(403);
    // Reading is allowed to both.
    expect((await req('GET', `/v3/users/${fay.id}/application_credentials`, rToken)).statusCode).toBe(200);
    expect((await req('POST', `/v3/users/${fay.id}/application_credentials`, uToken, { application_credential: { name: 'child' } })).statusCode).toBe(201);
  });

  it('stores, shares, lists and deletes access rules', async () => {
    const gus = await makeUser('gus');
    const rule = { path: '/v2.1/servers/*/ips', method: 'GET', service: 'compute' };
    const first = await createCred(gus, { name: 'ar1', access_rules: [rule] });
    expect(first.statusCode).toBe(201);
    const [created] = first.json().application_credential.access_rules;
    expect(created).toMatchObject(rule);
    expect(created.id).toMatch(/^[0-9a-f]{32}$/);
    // The same rule again is the same stored rule.
    const second = (await createCred(gus, { name: 'ar2', access_rules: [rule] })).json().application_credential;
    expect(second.access_rules[0].id).toBe(created.id);

    const token = await authWith({ id: second.id, secret: second.secret });
    expect(token.json().token.application_credential.access_rules).toEqual([{ id: created.id, ...rule }]);
    // Only a service that says it enforces access rules may validate such a token.
    const subject = { ...admin, 'x-subject-token': token.headers['x-subject-token'] as string };
    expect((await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: subject })).statusCode).toBe(404);
    expect((await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...subject, 'openstack-identity-access-rules': '0.9' } })).statusCode).toBe(404);
    expect((await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...subject, 'openstack-identity-access-rules': '1.0' } })).statusCode).toBe(200);

    const listed = await req('GET', `/v3/users/${gus.id}/access_rules`, gus.token);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().access_rules).toEqual([{ id: created.id, ...rule, links: { self: expect.stringMatching(new RegExp(`/v3/access_rules/${created.id}$`)) } }]);
    expect((await req('GET', `/v3/users/${gus.id}/access_rules?service=identity`, gus.token)).json().access_rules).toEqual([]);
    expect((await req('GET', `/v3/users/${gus.id}/access_rules/${created.id}`, gus.token)).json().access_rule).toMatchObject(rule);
    expect((await req('GET', `/v3/users/${gus.id}/access_rules/nope`, gus.token)).statusCode).toBe(404);

    // Another user sees nothing of it, even naming themself in the path.
    const hal = await makeUser('hal');
    expect((await req('GET', `/v3/users/${hal.id}/access_rules/${created.id}`, hal.token)).statusCode).toBe(404);
    expect((await req('GET', `/v3/users/${gus.id}/access_rules`, hal.token)).statusCode).toBe(403);

    const inUse = await req('DELETE', `/v3/users/${gus.id}/access_rules/${created.id}`, gus.token);
    expect(inUse.statusCode).toBe(403);
    expect(inUse.json().error.message).toBe('May not delete access rule in use');
    for (const c of [first.json().application_credential, second]) {
      expect((await req('DELETE', `/v3/users/${gus.id}/application_credentials/${c.id}`, gus.token)).statusCode).toBe(204);
    }
    expect((await req('GET', `/v3/users/${gus.id}/access_rules`, gus.token)).json().access_rules).toHaveLength(1);
    expect((await req('DELETE', `/v3/users/${gus.id}/access_rules/${created.id}`, gus.token)).statusCode).toBe(204);
    expect((await req('GET', `/v3/users/${gus.id}/access_rules`, gus.token)).json().access_rules).toHaveLength(0);
  });

  it('removes credentials and access rules with their user, and credentials holding a deleted role', async () => {
    const ivy = await makeUser('ivy', ['member', 'extra']);
    const cred = (await createCred(ivy, { name: 'gone', access_rules: [{ path: '/x', method: 'GET', service: 'compute' }] })).json().application_credential;
    const viaRole = (await createCred(ivy, { name: 'role', roles: [{ id: roles.extra }] })).json().application_credential;
    const other = await ks.request({ method: 'POST', url: '/v3/roles', headers: admin, payload: { role: { name: 'temp' } } });
    const tempRole = other.json().role.id;
    expect((await req('PUT', `/v3/projects/${projectId}/users/${ivy.id}/roles/${tempRole}`, ks.adminToken)).statusCode).toBe(204);
    const ivyToken = await ks.token('ivy', 'pw-ivy', 'apps');
    const viaTemp = (await req('POST', `/v3/users/${ivy.id}/application_credentials`, ivyToken, { application_credential: { name: 'temp', roles: [{ id: tempRole }] } })).json().application_credential;
    expect((await req('DELETE', `/v3/roles/${tempRole}`, ks.adminToken)).statusCode).toBe(204);
    expect((await req('GET', `/v3/users/${ivy.id}/application_credentials/${viaTemp.id}`, ks.adminToken)).statusCode).toBe(404);
    expect((await req('GET', `/v3/users/${ivy.id}/application_credentials/${viaRole.id}`, ks.adminToken)).statusCode).toBe(200);

    expect((await req('GET', `/v3/users/${ivy.id}/access_rules`, ivyToken)).json().access_rules).toHaveLength(1);
    expect((await req('DELETE', `/v3/users/${ivy.id}`, ks.adminToken)).statusCode).toBe(204);
    expect((await req('GET', `/v3/users/${ivy.id}/application_credentials/${cred.id}`, ks.adminToken)).statusCode).toBe(404);
    // Access rules of other users are for system readers.
    const sys = await ks.request({
      method: 'POST',
      url: '/v3/auth/tokens',
      payload: { auth: { identity: { methods: ['password'], password: { user: { name: 'admin', domain: { id: 'default' }, password: ks.adminPassword } } }, scope: { system: { all: true } } } },
    });
    const sysToken = sys.headers['x-subject-token'] as string;
    expect((await req('GET', `/v3/users/${ivy.id}/access_rules`, ks.adminToken)).statusCode).toBe(403);
    expect((await req('GET', `/v3/users/${ivy.id}/access_rules`, sysToken)).json().access_rules).toEqual([]);
    expect((await authWith({ id: cred.id, secret: cred.secret })).statusCode).toBe(401);
  });

  it('publishes its JSON-Home relations', async () => {
    const home = await ks.request({ method: 'GET', url: '/v3', headers: { accept: 'application/json-home' } });
    const rel = (name: string) => home.json().resources[`https://docs.openstack.org/api/openstack-identity/3/rel/${name}`];
    expect(rel('application_credential')).toEqual({
      'href-template': '/users/{user_id}/application_credentials/{application_credential_id}',
      'href-vars': {
        user_id: 'https://docs.openstack.org/api/openstack-identity/3/param/user_id',
        application_credential_id: 'https://docs.openstack.org/api/openstack-identity/3/param/application_credential_id',
      },
    });
    expect(rel('access_rules')['href-template']).toBe('/users/{user_id}/access_rules');
  });
});
