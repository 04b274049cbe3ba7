import { startTestServer, type TestServer } from '../../../test/support/e2e-server';

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Roles and implied roles through keystone-all (bootstrapped, real tokens and policy). */
describe('roles over HTTP', () => {
  let ks: TestServer;
  let call: (method: Method, url: string, payload?: unknown) => ReturnType<TestServer['request']>;
  const createRole = async (role: Record<string, unknown>) => {
    const res = await call('POST', '/v3/roles', { role });
    if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json().role as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  beforeAll(async () => {
    ks = await startTestServer();
    call = (method, url, payload) => ks.request({ method, url, headers: { 'x-auth-token': ks.adminToken }, payload });
  });
  afterAll(async () => ks?.close());

  it('creates, shows, lists, updates and deletes a global role with Keystone bodies', async () => {
    const role = await createRole({ name: 'auditor', 'x-team': 'sec' });
    expect(role).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      name: 'auditor',
      domain_id: null,
      description: null,
      options: {},
      x_team: 'sec',
      links: { self: expect.stringMatching(new RegExp(`/v3/roles/${role.id}$`)) },
    });
    expect((await call('GET', `/v3/roles/${role.id}`)).json().role).toEqual(role);
    const listed = await call('GET', '/v3/roles?name=auditor');
    expect(listed.json()).toEqual({ roles: [role], links: { self: expect.stringContaining('/v3/roles?name=auditor'), previous: null, next: null } });
    const patched = await call('PATCH', `/v3/roles/${role.id}`, { role: { description: 'reads logs' } });
    expect([patched.statusCode, patched.json().role.description]).toEqual([200, 'reads logs']);
    expect((await call('DELETE', `/v3/roles/${role.id}`)).statusCode).toBe(204);
    const gone = await call('GET', `/v3/roles/${role.id}`);
    expect([gone.statusCode, gone.json().error.message]).toEqual([404, `Could not find role: ${role.id}.`]);
  });

  it('keeps domain roles apart: unique per domain, listed only with domain_id', async () => {
    const domain = (await call('POST', '/v3/domains', { domain: { name: 'roles-dom' } })).json().domain;
    const global = await createRole({ name: 'shared' });
    const scoped = await createRole({ name: 'shared', domain_id: domain.id });
    expect(scoped.domain_id).toBe(domain.id);
    const globals = (await call('GET', '/v3/roles')).json().roles.map((r: { id: string }) => r.id);
    expect(globals).toContain(global.id);
    expect(globals).not.toContain(scoped.id);
    expect((await call('GET', `/v3/roles?domain_id=${domain.id}`)).json().roles.map((r: { id: string }) => r.id)).toEqual([scoped.id]);
    const dup = await call('POST', '/v3/roles', { role: { name: 'shared', domain_id: domain.id } });
    expect([dup.statusCode, dup.json().error.message]).toEqual([409, `Conflict occurred attempting to store role - Duplicate entry found with name shared at domain ID ${domain.id}.`]);
    const dupGlobal = await call('POST', '/v3/roles', { role: { name: 'shared' } });
    expect([dupGlobal.statusCode, dupGlobal.json().error.message]).toEqual([409, 'Conflict occurred attempting to store role - Duplicate entry found with name shared.']);
    const move = await call('PATCH', `/v3/roles/${scoped.id}`, { role: { domain_id: null } });
    expect([move.statusCode, move.json().error.message]).toEqual([400, 'Update of `domain_id` is not allowed.']);
  });

  it('protects immutable roles, such as the bootstrapped admin', async () => {
    const admin = (await call('GET', '/v3/roles?name=admin')).json().roles[0];
    expect(admin.options).toEqual({ immutable: true });
    expect((await call('PATCH', `/v3/roles/${admin.id}`, { role: { description: 'x' } })).statusCode).toBe(403);
    expect((await call('DELETE', `/v3/roles/${admin.id}`)).statusCode).toBe(403);
    const locked = await createRole({ name: 'locked', options: { immutable: true } });
    expect((await call('PATCH', `/v3/roles/${locked.id}`, { role: { options: { immutable: false } } })).json().role.options).toEqual({ immutable: false });
    expect((await call('DELETE', `/v3/roles/${locked.id}`)).statusCode).toBe(204);
  });

  it('answers bad input with 400 and no token with 401, never 500', async () => {
    const role = await createRole({ name: 'target' });
    const cases: [Method, string, unknown][] = [
      ['POST', '/v3/roles', {}],
      ['POST', '/v3/roles', []],
      ['POST', '/v3/roles', 'just a string'],
      ['POST', '/v3/roles', { role: 'x' }],
      ['POST', '/v3/roles', { role: { name: '' } }],
      ['POST', '/v3/roles', { role: { name: 'x'.repeat(256) } }],
      ['POST', '/v3/roles', { role: { name: 'ok', description: null } }],
      ['POST', '/v3/roles', { role: { name: 'ok', description: 'd'.repeat(256) } }],
      ['POST', '/v3/roles', { role: { name: 'ok', options: { immutable: 'yes' } } }],
      ['POST', '/v3/roles', { role: { name: 'ok', options: { other: true } } }],
      ['POST', '/v3/roles', { role: { name: 'ok', domain_id: 42 } }],
      ['POST', '/v3/roles', { role: { name: 'ok', domain_id: 'd'.repeat(65) } }],
      ['PATCH', `/v3/roles/${role.id}`, { role: {} }],
      ['PATCH', `/v3/roles/${role.id}`, { role: { id: 'other' } }],
    ];
    for (const [method, url, payload] of cases) {
      const res = await call(method, url, payload);
      expect([method, url, JSON.stringify(payload), res.statusCode]).toEqual([method, url, JSON.stringify(payload), 400]);
    }
    const malformed = await ks.request({ method: 'POST', url: '/v3/roles', headers: { 'x-auth-token': ks.adminToken, 'content-type': 'application/json' }, payload: '{"role": ' });
    expect(malformed.statusCode).toBe(400);
    expect((await ks.request({ method: 'GET', url: '/v3/roles' })).statusCode).toBe(401);
    expect((await call('GET', `/v3/roles/${'x'.repeat(300)}`)).statusCode).toBe(404);
    // NUL never reaches PostgreSQL (which would refuse it with an error).
    expect((await call('GET', '/v3/roles/%00')).statusCode).toBe(404);
    // The edge refuses NUL in a query string.
    expect((await call('GET', '/v3/roles?name=a%00b')).statusCode).toBe(400);
    expect((await call('POST', '/v3/roles', { role: { name: 'a\u0000b' } })).statusCode).toBe(400);
    expect((await call('PUT', `/v3/roles/${role.id}/implies/%00`)).statusCode).toBe(404);
    expect((await call('GET', `/v3/role_assignments?role.id=%00&scope.project.id=%00`)).statusCode).toBe(400);
  });

  describe('implied roles', () => {
    it('creates, checks, lists and deletes inference rules with Keystone bodies', async () => {
      const prior = await createRole({ name: 'prior' });
      const implied = await createRole({ name: 'implied' });
      const put = await call('PUT', `/v3/roles/${prior.id}/implies/${implied.id}`);
      expect(put.statusCode).toBe(201);
      const summary = (r: Record<string, unknown>) => ({ id: r.id, name: r.name, links: { self: expect.stringMatching(new RegExp(`/v3/roles/${r.id}$`)) } });
      expect(put.json()).toEqual({
        role_inference: { prior_role: summary(prior), implies: summary(implied) },
        links: { self: expect.stringMatching(new RegExp(`/v3/roles/${prior.id}/implies/${implied.id}$`)) },
      });
      expect((await call('GET', `/v3/roles/${prior.id}/implies/${implied.id}`)).json()).toEqual(put.json());
      const head = await call('HEAD', `/v3/roles/${prior.id}/implies/${implied.id}`);
      expect([head.statusCode, head.body]).toEqual([204, '']);
      const list = (await call('GET', `/v3/roles/${prior.id}/implies`)).json();
      expect(list).toEqual({
        role_inference: { prior_role: summary(prior), implies: [summary(implied)] },
        links: { self: expect.stringMatching(new RegExp(`/v3/roles/${prior.id}/implies$`)) },
      });
      const inferences = (await call('GET', '/v3/role_inferences')).json().role_inferences;
      expect(inferences).toContainEqual({ prior_role: summary(prior), implies: [summary(implied)] });
      expect((await call('PUT', `/v3/roles/${prior.id}/implies/${implied.id}`)).statusCode).toBe(409);
      expect((await call('DELETE', `/v3/roles/${prior.id}/implies/${implied.id}`)).statusCode).toBe(204);
      const missing = await call('GET', `/v3/roles/${prior.id}/implies/${implied.id}`);
      expect([missing.statusCode, missing.json().error.message]).toEqual([404, `${prior.id} does not imply ${implied.id}.`]);
      expect((await call('HEAD', `/v3/roles/${prior.id}/implies/${implied.id}`)).statusCode).toBe(404);
    });

    it('refuses admin as an implied role and a global role implying a domain role (403)', async () => {
      const admin = (await call('GET', '/v3/roles?name=admin')).json().roles[0];
      const someone = await createRole({ name: 'someone' });
      const toAdmin = await call('PUT', `/v3/roles/${someone.id}/implies/${admin.id}`);
      expect([toAdmin.statusCode, toAdmin.json().error.message]).toEqual([403, `${admin.id} cannot be an implied roles.`]);
      const domain = (await call('POST', '/v3/domains', { domain: { name: 'implied-dom' } })).json().domain;
      const domRole = await createRole({ name: 'dom-role', domain_id: domain.id });
      expect((await call('PUT', `/v3/roles/${someone.id}/implies/${domRole.id}`)).statusCode).toBe(403);
      expect((await call('PUT', `/v3/roles/${domRole.id}/implies/${someone.id}`)).statusCode).toBe(201);
      expect((await call('PUT', `/v3/roles/${someone.id}/implies/nope`)).statusCode).toBe(404);
    });

    it('shows the bootstrapped hierarchy in role_inferences', async () => {
      const inferences = (await call('GET', '/v3/role_inferences')).json().role_inferences as { prior_role: { name: string }; implies: { name: string }[] }[];
      const admin = inferences.find((i) => i.prior_role.name === 'admin');
      const implied = (name: string) => inferences.find((i) => i.prior_role.name === name)?.implies.map((r) => r.name);
      expect(admin?.implies.map((r) => r.name)).toEqual(['member']);
      expect(implied('manager')).toEqual(['member']);
      expect(implied('member')).toEqual(['reader']);
    });
  });

  it('publishes its JSON-Home relations', async () => {
    const res = await ks.request({ method: 'GET', url: '/v3', headers: { accept: 'application/json-home' } });
    const rels = res.json().resources as Record<string, { href?: string; 'href-template'?: string }>;
    const rel = (n: string) => `https://docs.openstack.org/api/openstack-identity/3/rel/${n}`;
    expect(rels[rel('roles')]).toEqual({ href: '/roles' });
    expect(rels[rel('implied_role')]['href-template']).toBe('/roles/{prior_role_id}/implies/{implied_role_id}');
    expect(rels[rel('role_assignments')]).toEqual({ href: '/role_assignments' });
    expect(rels[rel('system_user_role')]['href-template']).toBe('/system/users/{user_id}/roles/{role_id}');
    expect(rels['https://docs.openstack.org/api/openstack-identity/3/ext/OS-INHERIT/1.0/rel/domain_user_roles_inherited_to_projects']['href-template']).toBe(
      '/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles/inherited_to_projects',
    );
  });
});
