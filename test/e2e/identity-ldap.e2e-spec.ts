import { createServer } from 'node:net';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/e2e-server';
import { LDAP_ADMIN_DN, LDAP_ADMIN_PASSWORD, LDAP_SUFFIX, seedDirectory, startSlapd, type TestSlapd } from '../support/slapd';

/** A loopback port nobody listens on (the dead first URL of the fail-over list). */
async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/**
 * `[identity] driver = ldap` as the only identity backend, against a real
 * slapd: the bootstrap admin is an LDAP user, the first URL of the list is
 * dead (fail-over), and listings are paged two entries at a time.
 */
describe('LDAP identity driver (default driver)', () => {
  let slapd: TestSlapd;
  let ks: TestServer;
  let auth: Record<string, string>;

  beforeAll(async () => {
    slapd = await startSlapd();
    await seedDirectory(slapd, ADMIN_PASSWORD);
    ks = await startTestServer({
      extraConfig: [
        '[identity]',
        'driver = ldap',
        '[ldap]',
        `url = ldap://127.0.0.1:${await deadPort()}, ${slapd.url}`,
        `user = ${LDAP_ADMIN_DN}`,
        `password = ${LDAP_ADMIN_PASSWORD}`,
        `suffix = ${LDAP_SUFFIX}`,
        'user_enabled_attribute = employeeType',
        'page_size = 2',
        'pool_retry_delay = 0.05',
      ].join('\n'),
    });
    auth = { 'x-auth-token': ks.adminToken };
  });
  afterAll(async () => {
    await ks?.close();
    slapd?.close();
  });

  const get = (url: string) => ks.request({ method: 'GET', url, headers: auth });
  const names = (list: { name: string }[]) => list.map((u) => u.name).sort();

  it('lists the directory users with Keystone attributes and no secrets', async () => {
    const res = await get('/v3/users');
    expect(res.statusCode).toBe(200);
    const users = res.json().users as Record<string, unknown>[];
    expect(names(users as { name: string }[])).toEqual(['Alice', 'Bob', 'Carol (ops)*', 'admin']);
    const alice = users.find((u) => u.id === 'alice')!;
    expect(alice).toEqual({
      id: 'alice',
      name: 'Alice',
      domain_id: 'default',
      enabled: true,
      email: 'alice@example.org',
      description: 'Developer',
      options: {},
      password_expires_at: null,
      links: { self: expect.stringMatching(/\/v3\/users\/alice$/) },
    });
    expect(JSON.stringify(users)).not.toMatch(/userPassword|alice-pass|password"/);
    expect(users.find((u) => u.id === 'bob')!.enabled).toBe(false);
  });

  it('filters users by name, exactly and by substring, in the directory', async () => {
    expect(names((await get('/v3/users?name=Alice')).json().users)).toEqual(['Alice']);
    expect(names((await get('/v3/users?name__icontains=LIC')).json().users)).toEqual(['Alice']);
    expect(names((await get('/v3/users?name__startswith=B')).json().users)).toEqual(['Bob']);
    expect(names((await get('/v3/users?enabled=false')).json().users)).toEqual(['Bob']);
  });

  it('escapes filter values: LDAP metacharacters match literally and cannot inject', async () => {
    for (const attack of ['*', '*)(cn=*', 'x)(|(sn=*', '\\2a', 'Alice)(sn=*']) {
      const res = await get(`/v3/users?name=${encodeURIComponent(attack)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().users).toEqual([]);
      if (attack !== '*') expect((await get(`/v3/users?name__icontains=${encodeURIComponent(attack)}`)).json().users).toEqual([]);
    }
    // '*' is a character of Carol's name, not a wildcard.
    expect(names((await get('/v3/users?name__icontains=*')).json().users)).toEqual(['Carol (ops)*']);
    expect(names((await get(`/v3/users?name__icontains=${encodeURIComponent('(ops)*')}`)).json().users)).toEqual(['Carol (ops)*']);
    expect(names((await get(`/v3/users?name=${encodeURIComponent('Carol (ops)*')}`)).json().users)).toEqual(['Carol (ops)*']);
  });

  it('gets a user by ID, and 404s an unknown one the Keystone way', async () => {
    expect((await get('/v3/users/carol')).json().user.name).toBe('Carol (ops)*');
    const res = await get('/v3/users/nobody');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 404, title: 'Not Found', message: 'Could not find user: nobody.' } });
  });

  it('lists, filters and gets groups', async () => {
    const res = await get('/v3/groups');
    expect(res.statusCode).toBe(200);
    expect(res.json().groups.map((g: { id: string; name: string }) => [g.id, g.name]).sort()).toEqual([
      ['devs', 'Developers'],
      ['ops', 'Operators'],
    ]);
    expect((await get('/v3/groups?name=Operators')).json().groups.map((g: { id: string }) => g.id)).toEqual(['ops']);
    const devs = (await get('/v3/groups/devs')).json().group;
    expect(devs).toMatchObject({ id: 'devs', name: 'Developers', description: 'Dev team', domain_id: 'default' });
    expect((await get('/v3/groups/nope')).statusCode).toBe(404);
  });

  it('answers group membership in both directions', async () => {
    expect(names((await get('/v3/groups/devs/users')).json().users)).toEqual(['Alice', 'Bob']);
    expect(names((await get('/v3/groups/ops/users')).json().users)).toEqual(['Carol (ops)*']);
    expect(names((await get('/v3/users/alice/groups')).json().groups)).toEqual(['Developers']);
    expect((await get('/v3/users/admin/groups')).json().groups).toEqual([]);
    expect((await ks.request({ method: 'HEAD', url: '/v3/groups/devs/users/alice', headers: auth })).statusCode).toBe(204);
    expect((await ks.request({ method: 'HEAD', url: '/v3/groups/devs/users/carol', headers: auth })).statusCode).toBe(404);
  });

  it('authenticates an LDAP user by binding, once granted a role through the API', async () => {
    const project = (await get('/v3/projects?name=admin')).json().projects[0];
    const member = (await get('/v3/roles?name=member')).json().roles[0];
    const grant = await ks.request({ method: 'PUT', url: `/v3/projects/${project.id}/users/alice/roles/${member.id}`, headers: auth });
    expect(grant.statusCode).toBe(204);
    const token = await ks.token('alice', 'alice-pass', 'admin');
    const validated = await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth, 'x-subject-token': token } });
    expect(validated.statusCode).toBe(200);
    expect(validated.json().token.user).toMatchObject({ id: 'alice', name: 'Alice', domain: { id: 'default' } });
    expect(validated.json().token.roles.map((r: { name: string }) => r.name)).toContain('member');
  });

  it('refuses a wrong or empty password, an unknown user and a disabled user with 401', async () => {
    const login = (name: string, password: string) =>
      ks.request({
        method: 'POST',
        url: '/v3/auth/tokens',
        payload: { auth: { identity: { methods: ['password'], password: { user: { name, domain: { id: 'default' }, password } } } } },
      });
    for (const [name, password] of [['alice', 'wrong'], ['alice', ''], ['nobody', 'x'], ['bob', 'bob-pass']]) {
      const res = await login(name, password);
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 401, title: 'Unauthorized' });
    }
  });

  it('refuses every write with Keystone\'s 403', async () => {
    const forbidden = { error: { code: 403, title: 'Forbidden', message: 'LDAP does not support write operations' } };
    const writes: [TestServerMethod, string, unknown?][] = [
      ['POST', '/v3/users', { user: { name: 'eve', password: 'x' } }],
      ['PATCH', '/v3/users/alice', { user: { description: 'x' } }],
      ['DELETE', '/v3/users/alice'],
      ['POST', '/v3/groups', { group: { name: 'g' } }],
      ['PATCH', '/v3/groups/devs', { group: { description: 'x' } }],
      ['DELETE', '/v3/groups/devs'],
      ['PUT', '/v3/groups/ops/users/alice'],
      ['DELETE', '/v3/groups/devs/users/alice'],
    ];
    for (const [method, url, payload] of writes) {
      const res = await ks.request({ method, url, headers: auth, payload });
      expect([method, url, res.statusCode, res.json()]).toEqual([method, url, 403, forbidden]);
    }
    const aliceToken = await ks.token('alice', 'alice-pass', 'admin');
    const change = await ks.request({
      method: 'POST',
      url: '/v3/users/alice/password',
      headers: { 'x-auth-token': aliceToken },
      payload: { user: { original_password: 'alice-pass', password: 'new-pass' } },
    });
    expect(change.statusCode).toBe(403);
    expect(change.json()).toEqual(forbidden);
    expect((await get('/v3/groups/devs/users')).json().users).toHaveLength(2);
  });

  it('answers a Keystone error quickly while the server is down, and reconnects after it restarts', async () => {
    slapd.stop();
    try {
      const started = Date.now();
      const res = await get('/v3/groups');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        error: { code: 500, title: 'Internal Server Error', message: 'An unexpected error prevented the server from fulfilling your request.' },
      });
      expect(res.body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|at /);
      const login = await ks.request({
        method: 'POST',
        url: '/v3/auth/tokens',
        payload: { auth: { identity: { methods: ['password'], password: { user: { name: 'alice', domain: { id: 'default' }, password: 'alice-pass' } } } } },
      });
      expect(login.statusCode).toBe(500);
      expect(login.json().error).toMatchObject({ code: 500, title: 'Internal Server Error' });
    } finally {
      slapd.start();
    }
    const res = await get('/v3/groups');
    expect(res.statusCode).toBe(200);
    expect(res.json().groups).toHaveLength(2);
    expect(await ks.token('alice', 'alice-pass', 'admin')).toBeTruthy();
  });
});

type TestServerMethod = 'POST' | 'PATCH' | 'DELETE' | 'PUT';
