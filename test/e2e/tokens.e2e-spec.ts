import { startTestServer, type TestServer } from '../support/e2e-server';

describe('tokens', () => {
  let ks: TestServer;
  let auth: Record<string, string>;
  beforeAll(async () => {
    ks = await startTestServer();
    auth = { 'x-auth-token': ks.adminToken };
  });
  afterAll(async () => ks?.close());

  const issue = (payload: unknown) => ks.request({ method: 'POST', url: '/v3/auth/tokens', payload });
  const password = { methods: ['password'], password: { user: { name: 'admin', domain: { id: 'default' }, password: 'admin-secret' } } };

  it('validates to the same body it was issued with', async () => {
    const issued = await issue({ auth: { identity: password, scope: { project: { name: 'admin', domain: { id: 'default' } } } } });
    expect(issued.statusCode).toBe(201);
    const id = issued.headers['x-subject-token'] as string;
    const validated = await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth, 'x-subject-token': id } });
    expect(validated.statusCode).toBe(200);
    expect(validated.headers['x-subject-token']).toBe(id);
    expect(validated.json()).toEqual(issued.json());
    expect(issued.json().token.expires_at).toMatch(/\.000000Z$/);
    expect(issued.json().token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['admin', 'member', 'reader']);
    expect(issued.json().token.catalog[0]).toMatchObject({ type: 'identity' });
  });

  it('rescopes an unscoped token without extending its expiry', async () => {
    const unscoped = await issue({ auth: { identity: password } });
    expect(unscoped.json().token).not.toHaveProperty('catalog');
    const id = unscoped.headers['x-subject-token'] as string;
    const scoped = await issue({ auth: { identity: { methods: ['token'], token: { id } }, scope: { project: { name: 'admin', domain: { id: 'default' } } } } });
    expect(scoped.statusCode).toBe(201);
    expect(scoped.json().token.expires_at).toBe(unscoped.json().token.expires_at);
    expect(scoped.json().token.methods).toEqual(['password', 'token']);
    expect(scoped.json().token.audit_ids[1]).toBe(unscoped.json().token.audit_ids[0]);
  });

  it('revokes a token and then refuses it', async () => {
    const t = await issue({ auth: { identity: password } });
    const id = t.headers['x-subject-token'] as string;
    expect((await ks.request({ method: 'HEAD', url: '/v3/auth/tokens', headers: { ...auth, 'x-subject-token': id } })).statusCode).toBe(200);
    expect((await ks.request({ method: 'DELETE', url: '/v3/auth/tokens', headers: { ...auth, 'x-subject-token': id } })).statusCode).toBe(204);
    expect((await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth, 'x-subject-token': id } })).statusCode).toBe(404);
    expect((await ks.request({ method: 'GET', url: '/v3/users', headers: { 'x-auth-token': id } })).statusCode).toBe(401);
  });

  it('answers 404 (subject) or 401 (caller) to mangled tokens and keeps serving', async () => {
    const id = ks.adminToken;
    const variants = [id.slice(0, -1), id + 'A', id.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), 'garbage', '', 'x'.repeat(300), id.toLowerCase()];
    for (const v of variants) {
      const subject = await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth, 'x-subject-token': v } });
      expect(subject.statusCode).toBe(404);
      const caller = await ks.request({ method: 'GET', url: '/v3/users', headers: { 'x-auth-token': v } });
      expect(caller.statusCode).toBe(401);
    }
    expect((await ks.request({ method: 'GET', url: '/v3/users', headers: auth })).statusCode).toBe(200);
  });

  it('refuses wrong credentials and unknown scopes with 401', async () => {
    const wrong = { methods: ['password'], password: { user: { name: 'admin', domain: { id: 'default' }, password: 'nope' } } };
    expect((await issue({ auth: { identity: wrong } })).statusCode).toBe(401);
    expect((await issue({ auth: { identity: password, scope: { project: { id: 'nope' } } } })).statusCode).toBe(401);
    expect((await issue({ auth: { identity: { methods: ['magic'], magic: {} } } })).statusCode).toBe(401);
    expect((await issue({ auth: {} })).statusCode).toBe(400);
    expect((await issue({})).statusCode).toBe(400);
  });

  it('issues domain- and system-scoped tokens', async () => {
    const system = await issue({ auth: { identity: password, scope: { system: { all: true } } } });
    expect(system.statusCode).toBe(201);
    expect(system.json().token.system).toEqual({ all: true });
    const domain = await issue({ auth: { identity: password, scope: { domain: { id: 'default' } } } });
    // admin has no role on the default domain after bootstrap
    expect(domain.statusCode).toBe(401);
  });
});
