import { startTestServer, type TestServer } from '../support/e2e-server';

/** OS-TRUST: /v3/OS-TRUST/trusts and trust-scoped tokens. */
describe('/v3/OS-TRUST/trusts', () => {
  let ks: TestServer;
  let admin: Record<string, string>;
  let projectId: string;
  let trustorId: string;
  let trusteeId: string;
  let delegatedRole: string;
  let otherRole: string;
  let impliedRole: string;
  let trustorToken: string;
  let trusteeToken: string;

  const call = async (method: 'GET' | 'HEAD' | 'POST' | 'DELETE' | 'PATCH', url: string, token: string, payload?: unknown) =>
    ks.request({ method, url, headers: { 'x-auth-token': token }, payload });
  const create = async (path: string, body: Record<string, unknown>) => {
    const res = await ks.request({ method: 'POST', url: path, headers: admin, payload: body });
    if (res.statusCode !== 201) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const trustBody = (extra: Record<string, unknown> = {}) => ({
    trust: { trustor_user_id: trustorId, trustee_user_id: trusteeId, project_id: projectId, impersonation: false, roles: [{ id: delegatedRole }], ...extra },
  });
  const newTrust = async (extra: Record<string, unknown> = {}) => {
    const res = await call('POST', '/v3/OS-TRUST/trusts', trustorToken, trustBody(extra));
    if (res.statusCode !== 201) throw new Error(`trust: ${res.statusCode} ${res.body}`);
    return res.json().trust;
  };
  const trustAuth = (trustId: unknown, user = 'trustee') => ({
    auth: {
      identity: { methods: ['password'], password: { user: { name: user, domain: { id: 'default' }, password: 'secret-pw' } } },
      scope: { 'OS-TRUST:trust': { id: trustId } },
    },
  });
  const trustToken = async (trustId: string) => {
    const res = await ks.request({ method: 'POST', url: '/v3/auth/tokens', payload: trustAuth(trustId) });
    if (res.statusCode !== 201) throw new Error(`trust token: ${res.statusCode} ${res.body}`);
    return { id: res.headers['x-subject-token'] as string, body: res.json().token };
  };
  const validate = (token: string) => ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...admin, 'x-subject-token': token } });

  beforeAll(async () => {
    ks = await startTestServer();
    admin = { 'x-auth-token': ks.adminToken };
    projectId = (await create('/v3/projects', { project: { name: 'trust-project', domain_id: 'default' } })).project.id;
    trustorId = (await create('/v3/users', { user: { name: 'trustor', domain_id: 'default', password: 'secret-pw' } })).user.id;
    trusteeId = (await create('/v3/users', { user: { name: 'trustee', domain_id: 'default', password: 'secret-pw' } })).user.id;
    await create('/v3/users', { user: { name: 'bystander', domain_id: 'default', password: 'secret-pw' } });
    delegatedRole = (await create('/v3/roles', { role: { name: 'delegated' } })).role.id;
    otherRole = (await create('/v3/roles', { role: { name: 'not-delegated' } })).role.id;
    impliedRole = (await create('/v3/roles', { role: { name: 'implied-by-delegated' } })).role.id;
    expect((await ks.request({ method: 'PUT', url: `/v3/roles/${delegatedRole}/implies/${impliedRole}`, headers: admin })).statusCode).toBe(201);
    for (const role of [delegatedRole, otherRole]) {
      expect((await ks.request({ method: 'PUT', url: `/v3/projects/${projectId}/users/${trustorId}/roles/${role}`, headers: admin })).statusCode).toBe(204);
    }
    trustorToken = await ks.token('trustor', 'secret-pw', 'trust-project');
    trusteeToken = await ks.token('trustee', 'secret-pw');
  });
  afterAll(async () => ks?.close());

  describe('CRUD', () => {
    it('creates, shows, lists and deletes a trust with its roles', async () => {
      const expires = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const res = await call('POST', '/v3/OS-TRUST/trusts', trustorToken, trustBody({ expires_at: expires, impersonation: true, purpose: 'x' }));
      expect(res.statusCode).toBe(201);
      const trust = res.json().trust;
      expect(trust).toMatchObject({
        trustor_user_id: trustorId,
        trustee_user_id: trusteeId,
        project_id: projectId,
        impersonation: true,
        remaining_uses: null,
        redelegated_trust_id: null,
        redelegation_count: 0,
        purpose: 'x',
        expires_at: expires.replace('Z', '.000000Z'),
      });
      expect(trust.id).toMatch(/^[0-9a-f]{32}$/);
      const base = trust.links.self.replace(/\/v3\/OS-TRUST\/trusts\/[0-9a-f]+$/, '');
      expect(base).toMatch(/^http:\/\/localhost(:80)?$/);
      expect(trust.roles).toEqual([expect.objectContaining({ id: delegatedRole, name: 'delegated', links: { self: `${base}/v3/roles/${delegatedRole}` } })]);
      // Keystone's own (odd) roles link, kept for compatibility.
      expect(trust.roles_links).toEqual({ self: `${base}/v3/${trust.id}/roles`, next: null, previous: null });

      const shown = await call('GET', `/v3/OS-TRUST/trusts/${trust.id}`, trusteeToken);
      expect(shown.statusCode).toBe(200);
      expect(shown.json().trust).toMatchObject({ id: trust.id, roles: [expect.objectContaining({ id: delegatedRole })] });

      const listed = await call('GET', `/v3/OS-TRUST/trusts/?trustor_user_id=${trustorId}`, trustorToken);
      expect(listed.statusCode).toBe(200);
      const summary = listed.json().trusts.find((t: { id: string }) => t.id === trust.id);
      expect(summary).toMatchObject({ id: trust.id, impersonation: true });
      expect(summary.roles).toBeUndefined();
      expect((await call('GET', `/v3/OS-TRUST/trusts?trustee_user_id=${trusteeId}`, trusteeToken)).json().trusts.map((t: { id: string }) => t.id)).toContain(trust.id);
      expect((await call('GET', '/v3/OS-TRUST/trusts', ks.adminToken)).json().trusts.map((t: { id: string }) => t.id)).toContain(trust.id);

      const roles = await call('GET', `/v3/OS-TRUST/trusts/${trust.id}/roles`, trustorToken);
      expect(roles.json()).toEqual({ roles: [expect.objectContaining({ id: delegatedRole })], links: trust.roles_links });
      const role = await call('GET', `/v3/OS-TRUST/trusts/${trust.id}/roles/${delegatedRole}`, trustorToken);
      expect(role.json().role).toMatchObject({ id: delegatedRole, name: 'delegated' });
      expect((await call('HEAD', `/v3/OS-TRUST/trusts/${trust.id}/roles/${delegatedRole}`, trustorToken)).statusCode).toBe(200);
      expect((await call('GET', `/v3/OS-TRUST/trusts/${trust.id}/roles/${otherRole}`, trustorToken)).statusCode).toBe(404);
      expect((await call('HEAD', `/v3/OS-TRUST/trusts/${trust.id}/roles/${otherRole}`, trustorToken)).statusCode).toBe(404);

      expect((await call('DELETE', `/v3/OS-TRUST/trusts/${trust.id}`, trustorToken)).statusCode).toBe(204);
      expect((await call('GET', `/v3/OS-TRUST/trusts/${trust.id}`, trustorToken)).statusCode).toBe(404);
      expect((await call('GET', `/v3/OS-TRUST/trusts?trustor_user_id=${trustorId}`, trustorToken)).json().trusts.map((t: { id: string }) => t.id)).not.toContain(trust.id);
    });

    it('names roles by name, and a trust without project delegates no role', async () => {
      const byName = await newTrust({ roles: [{ name: 'delegated' }] });
      expect(byName.roles.map((r: { id: string }) => r.id)).toEqual([delegatedRole]);
      const unscoped = await call('POST', '/v3/OS-TRUST/trusts', trustorToken, { trust: { trustor_user_id: trustorId, trustee_user_id: trusteeId, impersonation: false } });
      expect(unscoped.statusCode).toBe(201);
      expect(unscoped.json().trust).toMatchObject({ project_id: null, roles: [], expires_at: null });
    });

    it('drops the trusts of a deleted user', async () => {
      const doomed = (await create('/v3/users', { user: { name: 'doomed', domain_id: 'default', password: 'secret-pw' } })).user.id;
      const trust = await newTrust({ trustee_user_id: doomed });
      expect((await ks.request({ method: 'DELETE', url: `/v3/users/${doomed}`, headers: admin })).statusCode).toBe(204);
      expect((await call('GET', `/v3/OS-TRUST/trusts/${trust.id}`, trustorToken)).statusCode).toBe(404);
    });

    it('serves its JSON-Home relations', async () => {
      const home = await ks.request({ method: 'GET', url: '/v3', headers: { accept: 'application/json-home' } });
      const resources = home.json().resources;
      // Prefixed as the registry prefixes every relation of this document.
      const prefix = resources['https://docs.openstack.org/api/openstack-identity/3/rel/domains'].href.replace(/\/domains$/, '');
      const rel = 'https://docs.openstack.org/api/openstack-identity/3/ext/OS-TRUST/1.0/rel/';
      expect(resources[`${rel}trusts`]).toEqual({ href: `${prefix}/OS-TRUST/trusts` });
      expect(resources[`${rel}trust_role`]).toEqual({
        'href-template': `${prefix}/OS-TRUST/trusts/{trust_id}/roles/{role_id}`,
        'href-vars': {
          trust_id: 'https://docs.openstack.org/api/openstack-identity/3/ext/OS-TRUST/1.0/param/trust_id',
          role_id: 'https://docs.openstack.org/api/openstack-identity/3/param/role_id',
        },
      });
    });
  });

  describe('errors', () => {
    const post = (token: string, body: unknown) => call('POST', '/v3/OS-TRUST/trusts', token, body);

    it('400 for a malformed trust', async () => {
      const cases: Record<string, unknown>[] = [
        { impersonation: undefined },
        { impersonation: 'yes' },
        { expires_at: 'bad.123Z' },
        { expires_at: '2000-01-01T00:00:00Z' },
        { remaining_uses: 0 },
        { roles: [{ id: delegatedRole, name: 'delegated' }] },
        { allow_redelegation: true, remaining_uses: 3 },
      ];
      for (const extra of cases) {
        const res = await post(trustorToken, trustBody(extra));
        expect({ extra, status: res.statusCode }).toEqual({ extra, status: 400 });
        expect(res.json().error).toMatchObject({ code: 400, title: 'Bad Request' });
      }
    });

    it('403 when the caller is not the trustor, or no role is given for a project', async () => {
      const notTrustor = await post(trusteeToken, trustBody());
      expect(notTrustor.statusCode).toBe(403);
      expect(notTrustor.json().error.code).toBe(403);
      expect((await post(ks.adminToken, trustBody())).statusCode).toBe(403);
      expect((await post(trustorToken, trustBody({ roles: [] }))).statusCode).toBe(403);
      expect((await post(trustorToken, trustBody({ max_redelegation: 1, allow_redelegation: true, redelegation_count: 99 }))).statusCode).toBe(403);
    });

    it('404 for an unknown trustee, role, project or trust', async () => {
      expect((await post(trustorToken, trustBody({ trustee_user_id: 'nobody' }))).statusCode).toBe(404);
      expect((await post(trustorToken, trustBody({ roles: [{ id: otherRole }, { id: 'missing' }] }))).statusCode).toBe(404);
      expect((await post(trustorToken, trustBody({ roles: [{ name: 'no-such-role' }] }))).json().error.message).toBe('Role no-such-role is not defined');
      expect((await post(trustorToken, trustBody({ roles: [{ id: impliedRole }] }))).statusCode).toBe(201);
      expect((await post(trustorToken, trustBody({ project_id: 'missing' }))).statusCode).toBe(404);
      const unheld = (await create('/v3/roles', { role: { name: 'unheld' } })).role.id;
      const res = await post(trustorToken, trustBody({ roles: [{ id: unheld }] }));
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe(`Could not find role: ${unheld}.`);
      expect((await call('GET', '/v3/OS-TRUST/trusts/0123456789abcdef0123456789abcdef', trustorToken)).statusCode).toBe(404);
      expect((await call('DELETE', '/v3/OS-TRUST/trusts/0123456789abcdef0123456789abcdef', trustorToken)).statusCode).toBe(404);
    });

    it('403 for users unrelated to the trust, 401 without a token', async () => {
      const trust = await newTrust();
      const bystander = await ks.token('bystander', 'secret-pw');
      expect((await call('GET', `/v3/OS-TRUST/trusts/${trust.id}`, bystander)).statusCode).toBe(403);
      expect((await call('GET', `/v3/OS-TRUST/trusts/${trust.id}/roles`, bystander)).statusCode).toBe(403);
      expect((await call('DELETE', `/v3/OS-TRUST/trusts/${trust.id}`, trusteeToken)).statusCode).toBe(403);
      expect((await call('GET', `/v3/OS-TRUST/trusts?trustor_user_id=${trustorId}`, bystander)).statusCode).toBe(403);
      expect((await call('GET', '/v3/OS-TRUST/trusts', bystander)).statusCode).toBe(403);
      expect((await ks.request({ method: 'GET', url: `/v3/OS-TRUST/trusts/${trust.id}` })).statusCode).toBe(401);
    });
  });

  describe('trust-scoped tokens', () => {
    it('without impersonation: the trustee, with the delegated and implied roles only', async () => {
      const trust = await newTrust();
      const { id, body } = await trustToken(trust.id);
      expect(body['OS-TRUST:trust']).toEqual({ id: trust.id, impersonation: false, trustee_user: { id: trusteeId }, trustor_user: { id: trustorId } });
      expect(body.user.id).toBe(trusteeId);
      expect(body.project).toEqual({ id: projectId, name: 'trust-project', domain: { id: 'default', name: 'Default' } });
      expect(body.roles.map((r: { id: string }) => r.id).sort()).toEqual([delegatedRole, impliedRole].sort());
      expect(body.catalog).toBeDefined();
      const validated = await validate(id);
      expect(validated.statusCode).toBe(200);
      expect(validated.json().token).toMatchObject({ 'OS-TRUST:trust': { id: trust.id }, user: { id: trusteeId } });
      // The trustee can act on the trust with it (policy sees the trustee as the caller).
      expect((await call('GET', `/v3/OS-TRUST/trusts/${trust.id}`, id)).statusCode).toBe(200);
    });

    it('with impersonation: the trustor, by password or token method', async () => {
      const trust = await newTrust({ impersonation: true });
      const { id, body } = await trustToken(trust.id);
      expect(body.user).toMatchObject({ id: trustorId, name: 'trustor' });
      expect(body['OS-TRUST:trust']).toMatchObject({ impersonation: true, trustor_user: { id: trustorId }, trustee_user: { id: trusteeId } });
      expect((await validate(id)).json().token.user.id).toBe(trustorId);
      const byToken = await ks.request({
        method: 'POST',
        url: '/v3/auth/tokens',
        payload: { auth: { identity: { methods: ['token'], token: { id: trusteeToken } }, scope: { 'OS-TRUST:trust': { id: trust.id } } } },
      });
      expect(byToken.statusCode).toBe(201);
      expect(byToken.json().token.user.id).toBe(trustorId);
      expect(byToken.json().token.methods).toEqual(['password', 'token']);
    });

    it('consumes remaining_uses: once exhausted the trust is gone and gives no token', async () => {
      const trust = await newTrust({ remaining_uses: 2 });
      const first = await trustToken(trust.id);
      expect((await call('GET', `/v3/OS-TRUST/trusts/${trust.id}`, trustorToken)).json().trust.remaining_uses).toBe(1);
      await trustToken(trust.id);
      expect((await call('GET', `/v3/OS-TRUST/trusts/${trust.id}`, trustorToken)).statusCode).toBe(404);
      const third = await ks.request({ method: 'POST', url: '/v3/auth/tokens', payload: trustAuth(trust.id) });
      expect(third.statusCode).toBe(401);
      // Tokens already issued stay valid: only new ones are limited.
      expect((await validate(first.id)).statusCode).toBe(200);
    });

    it('deleting the trust revokes its tokens', async () => {
      const trust = await newTrust();
      const { id } = await trustToken(trust.id);
      expect((await validate(id)).statusCode).toBe(200);
      expect((await call('DELETE', `/v3/OS-TRUST/trusts/${trust.id}`, trustorToken)).statusCode).toBe(204);
      expect((await validate(id)).statusCode).toBe(404);
      expect((await call('GET', '/v3/OS-TRUST/trusts', id)).statusCode).toBe(401);
      const events = (await call('GET', '/v3/OS-REVOKE/events', ks.adminToken)).json().events;
      expect(events.some((e: Record<string, unknown>) => Object.values(e).includes(trust.id))).toBe(true);
    });

    it('refuses other users, a disabled trustor, and bad scope bodies', async () => {
      const trust = await newTrust();
      const notTrustee = await ks.request({ method: 'POST', url: '/v3/auth/tokens', payload: trustAuth(trust.id, 'bystander') });
      expect(notTrustee.statusCode).toBe(403);
      expect((await ks.request({ method: 'POST', url: '/v3/auth/tokens', payload: trustAuth('0123456789abcdef0123456789abcdef') })).statusCode).toBe(401);
      const bad = trustAuth(trust.id) as { auth: { scope: Record<string, unknown> } };
      bad.auth.scope = { 'OS-TRUST:trust': '' };
      expect((await ks.request({ method: 'POST', url: '/v3/auth/tokens', payload: bad })).statusCode).toBe(400);
      bad.auth.scope = { 'OS-TRUST:trust': {} };
      expect((await ks.request({ method: 'POST', url: '/v3/auth/tokens', payload: bad })).statusCode).toBe(400);

      const { id } = await trustToken(trust.id);
      expect((await ks.request({ method: 'PATCH', url: `/v3/users/${trustorId}`, headers: admin, payload: { user: { enabled: false } } })).statusCode).toBe(200);
      try {
        expect((await ks.request({ method: 'POST', url: '/v3/auth/tokens', payload: trustAuth(trust.id) })).statusCode).toBe(403);
        expect((await validate(id)).statusCode).toBe(404);
      } finally {
        await ks.request({ method: 'PATCH', url: `/v3/users/${trustorId}`, headers: admin, payload: { user: { enabled: true } } });
        // Revocation events have second precision: a token issued in the same second as the disable would be revoked.
        await new Promise((r) => setTimeout(r, 1100));
        trustorToken = await ks.token('trustor', 'secret-pw', 'trust-project');
      }
    });

    it('cannot be rescoped, nor create a trust unless the trust allows redelegation', async () => {
      const trust = await newTrust({ impersonation: true });
      const { id } = await trustToken(trust.id);
      const rescope = await ks.request({
        method: 'POST',
        url: '/v3/auth/tokens',
        payload: { auth: { identity: { methods: ['token'], token: { id } }, scope: { project: { id: projectId } } } },
      });
      expect(rescope.statusCode).toBe(403);
      expect((await call('POST', '/v3/OS-TRUST/trusts', id, trustBody())).statusCode).toBe(403);
    });

    it('redelegates a trust that allows it, one level less deep, no wider', async () => {
      const parent = await newTrust({ impersonation: true, allow_redelegation: true });
      expect(parent.redelegation_count).toBe(3);
      const { id } = await trustToken(parent.id);
      expect((await call('POST', '/v3/OS-TRUST/trusts', id, trustBody({ allow_redelegation: true, redelegation_count: 1 }))).statusCode).toBe(403);
      expect((await call('POST', '/v3/OS-TRUST/trusts', id, trustBody({ roles: [{ id: otherRole }] }))).statusCode).toBe(403);
      const child = await call('POST', '/v3/OS-TRUST/trusts', id, trustBody({ impersonation: true, allow_redelegation: true }));
      expect(child.statusCode).toBe(201);
      expect(child.json().trust).toMatchObject({ redelegated_trust_id: parent.id, redelegation_count: 2 });
      // Deleting the parent takes the chain with it.
      expect((await call('DELETE', `/v3/OS-TRUST/trusts/${parent.id}`, trustorToken)).statusCode).toBe(204);
      expect((await call('GET', `/v3/OS-TRUST/trusts/${child.json().trust.id}`, trustorToken)).statusCode).toBe(404);
    });
  });
});
