import { createHmac, randomInt } from 'node:crypto';
import { startTestServer, type TestServer } from '../support/e2e-server';

/**
 * A minimal OAuth 1.0a client (HMAC-SHA1, Authorization header), written
 * here from RFC 5849 on purpose: it does not share code with the server.
 */
const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

function oauthHeader(
  url: string,
  consumer: { key: string; secret: string },
  token?: { key: string; secret: string },
  extra: Record<string, string> = {},
  opts: { timestamp?: number } = {},
): string {
  const params: Record<string, string> = {
    oauth_nonce: String(randomInt(1e9)) + String(Date.now()),
    oauth_timestamp: String(opts.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_version: '1.0',
    oauth_signature_method: 'HMAC-SHA1',
    oauth_consumer_key: consumer.key,
    ...(token ? { oauth_token: token.key } : {}),
    ...extra,
  };
  const u = new URL(url);
  const all = [...Object.entries(params), ...u.searchParams.entries()].map(([k, v]) => [enc(k), enc(v)]).sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  const base = ['POST', enc(`${u.protocol}//${u.host}${u.pathname}`), enc(all.map(([k, v]) => `${k}=${v}`).join('&'))].join('&');
  const signature = createHmac('sha1', `${enc(consumer.secret)}&${enc(token?.secret ?? '')}`).update(base).digest('base64');
  return 'OAuth ' + Object.entries({ ...params, oauth_signature: signature }).map(([k, v]) => `${enc(k)}="${enc(v)}"`).join(', ');
}

const form = (body: string) => Object.fromEntries(body.split('&').map((kv) => kv.split('=') as [string, string]));
const ORIGIN = 'http://localhost';
/** Links carry the Host header as sent (Fastify's injector sends localhost:80). */
const LINKS = 'http://localhost:80';

describe('OS-OAUTH1', () => {
  let ks: TestServer;
  let admin: Record<string, string>;
  let adminUserId: string;
  let adminProjectId: string;
  const roles: Record<string, string> = {};

  const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) => ks.request({ method, url, headers, payload });

  async function newConsumer(description = 'app'): Promise<{ key: string; secret: string }> {
    const res = await req('POST', '/v3/OS-OAUTH1/consumers', admin, { consumer: { description } });
    expect(res.statusCode).toBe(201);
    return { key: res.json().consumer.id, secret: res.json().consumer.secret };
  }

  const requestToken = (consumer: { key: string; secret: string }, projectId: string | null = adminProjectId, extra: Record<string, string> = { oauth_callback: 'oob' }) =>
    req('POST', '/v3/OS-OAUTH1/request_token', {
      authorization: oauthHeader(`${ORIGIN}/v3/OS-OAUTH1/request_token`, consumer, undefined, extra),
      ...(projectId ? { 'requested-project-id': projectId } : {}),
    });

  const authorize = (requestTokenId: string, roleRefs: Record<string, string>[], token = ks.adminToken) =>
    req('PUT', `/v3/OS-OAUTH1/authorize/${requestTokenId}`, { 'x-auth-token': token }, { roles: roleRefs });

  const accessToken = (consumer: { key: string; secret: string }, rt: { key: string; secret: string }, verifier: string) =>
    req('POST', '/v3/OS-OAUTH1/access_token', { authorization: oauthHeader(`${ORIGIN}/v3/OS-OAUTH1/access_token`, consumer, rt, { oauth_verifier: verifier }) });

  const authWith = (consumer: { key: string; secret: string }, at: { key: string; secret: string }, scope?: unknown) =>
    req('POST', '/v3/auth/tokens', { authorization: oauthHeader(`${ORIGIN}/v3/auth/tokens`, consumer, at) }, { auth: { identity: { methods: ['oauth1'], oauth1: {} }, ...(scope ? { scope } : {}) } });

  /** The whole dance: consumer → request token → authorize (member) → access token. */
  async function dance(roleRefs: Record<string, string>[] = [{ id: roles.member }]) {
    const consumer = await newConsumer();
    const rtRes = await requestToken(consumer);
    expect(rtRes.statusCode).toBe(201);
    const rt = form(rtRes.body);
    const auth = await authorize(rt.oauth_token, roleRefs);
    expect(auth.statusCode).toBe(200);
    const atRes = await accessToken(consumer, { key: rt.oauth_token, secret: rt.oauth_token_secret }, auth.json().token.oauth_verifier);
    expect(atRes.statusCode).toBe(201);
    const at = form(atRes.body);
    return { consumer, at: { key: at.oauth_token, secret: at.oauth_token_secret }, expiresAt: at.oauth_expires_at };
  }

  beforeAll(async () => {
    ks = await startTestServer();
    admin = { 'x-auth-token': ks.adminToken };
    const validated = await req('GET', '/v3/auth/tokens', { ...admin, 'x-subject-token': ks.adminToken });
    adminUserId = validated.json().token.user.id;
    adminProjectId = validated.json().token.project.id;
    for (const name of ['admin', 'member', 'reader']) roles[name] = (await req('GET', `/v3/roles?name=${name}`, admin)).json().roles[0].id;
  });
  afterAll(async () => ks?.close());

  describe('consumers', () => {
    it('creates (secret shown once), shows, lists, updates and deletes', async () => {
      const created = await req('POST', '/v3/OS-OAUTH1/consumers', admin, { consumer: { description: 'my app', colour: 'blue' } });
      expect(created.statusCode).toBe(201);
      const c = created.json().consumer;
      expect(c).toMatchObject({ description: 'my app', colour: 'blue' });
      expect(c.id).toMatch(/^[0-9a-f]{32}$/);
      expect(c.secret).toMatch(/^[0-9a-f]{32}$/);
      expect(c.links.self).toBe(`${LINKS}/v3/OS-OAUTH1/consumers/${c.id}`);

      const shown = await req('GET', `/v3/OS-OAUTH1/consumers/${c.id}`, admin);
      expect(shown.statusCode).toBe(200);
      expect(shown.json().consumer).toEqual({ id: c.id, description: 'my app', colour: 'blue', links: c.links });

      const list = await req('GET', '/v3/OS-OAUTH1/consumers', admin);
      expect(list.json().consumers.map((x: { id: string }) => x.id)).toContain(c.id);
      expect(list.json().consumers.every((x: Record<string, unknown>) => !('secret' in x))).toBe(true);

      const patched = await req('PATCH', `/v3/OS-OAUTH1/consumers/${c.id}`, admin, { consumer: { description: 'renamed' } });
      expect(patched.statusCode).toBe(200);
      expect(patched.json().consumer).toMatchObject({ id: c.id, description: 'renamed', colour: 'blue' });
      expect(patched.json().consumer).not.toHaveProperty('secret');

      expect((await req('DELETE', `/v3/OS-OAUTH1/consumers/${c.id}`, admin)).statusCode).toBe(204);
      const gone = await req('GET', `/v3/OS-OAUTH1/consumers/${c.id}`, admin);
      expect(gone.statusCode).toBe(404);
      expect(gone.json().error).toMatchObject({ code: 404, title: 'Not Found' });
      expect((await req('DELETE', `/v3/OS-OAUTH1/consumers/${c.id}`, admin)).statusCode).toBe(404);
    });

    it('creates a consumer from an empty body, description null', async () => {
      const res = await req('POST', '/v3/OS-OAUTH1/consumers', admin, {});
      expect(res.statusCode).toBe(201);
      expect(res.json().consumer.description).toBeNull();
    });

    it('refuses bad updates: the secret, another id, nothing, a non-string description', async () => {
      const { key } = await newConsumer();
      for (const body of [{ consumer: { secret: 'x' } }, { consumer: { id: 'other' } }, { consumer: {} }, { consumer: { description: 5 } }, {}]) {
        const res = await req('PATCH', `/v3/OS-OAUTH1/consumers/${key}`, admin, body);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.title).toBe('Bad Request');
      }
    });

    it('is admin only', async () => {
      const user = await req('POST', '/v3/users', admin, { user: { name: 'plain', password: 'pw-plain', domain_id: 'default' } });
      await req('PUT', `/v3/projects/${adminProjectId}/users/${user.json().user.id}/roles/${roles.member}`, admin);
      const token = await ks.token('plain', 'pw-plain', 'admin');
      expect((await req('POST', '/v3/OS-OAUTH1/consumers', { 'x-auth-token': token }, { consumer: {} })).statusCode).toBe(403);
      expect((await req('GET', '/v3/OS-OAUTH1/consumers', {}, undefined)).statusCode).toBe(401);
    });
  });

  describe('the dance', () => {
    it('request token → authorize → access token → a token limited to the delegated roles', async () => {
      const consumer = await newConsumer();
      const rtRes = await requestToken(consumer);
      expect(rtRes.statusCode).toBe(201);
      expect(rtRes.headers['content-type']).toContain('application/x-www-form-urlencoded');
      const rt = form(rtRes.body);
      expect(rt.oauth_token).toMatch(/^[0-9a-f]{32}$/);
      expect(rt.oauth_token_secret).toMatch(/^[0-9a-f]{32}$/);
      expect(rt.oauth_expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

      const auth = await authorize(rt.oauth_token, [{ name: 'member' }]);
      expect(auth.statusCode).toBe(200);
      const verifier = auth.json().token.oauth_verifier as string;
      expect(verifier).toMatch(/^[a-zA-Z2-9]{8}$/);

      // A wrong verifier, then the right one.
      const wrong = await accessToken(consumer, { key: rt.oauth_token, secret: rt.oauth_token_secret }, verifier === 'abcdefgh' ? 'abcdefgk' : 'abcdefgh');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.message).toBe('Provided verifier does not match stored verifier');
      const atRes = await accessToken(consumer, { key: rt.oauth_token, secret: rt.oauth_token_secret }, verifier);
      expect(atRes.statusCode).toBe(201);
      const at = form(atRes.body);
      expect(at.oauth_token).toMatch(/^[0-9a-f]{32}$/);

      // The request token is spent.
      expect((await accessToken(consumer, { key: rt.oauth_token, secret: rt.oauth_token_secret }, verifier)).statusCode).toBe(404);

      const issued = await authWith(consumer, { key: at.oauth_token, secret: at.oauth_token_secret });
      expect(issued.statusCode).toBe(201);
      const body = issued.json().token;
      expect(body.methods).toEqual(['oauth1']);
      expect(body['OS-OAUTH1']).toEqual({ access_token_id: at.oauth_token, consumer_id: consumer.key });
      expect(body.project.id).toBe(adminProjectId);
      expect(body.user.id).toBe(adminUserId);
      // member and the role it implies; not the admin role the user also holds.
      expect(body.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);

      const subject = issued.headers['x-subject-token'] as string;
      const validated = await req('GET', '/v3/auth/tokens', { ...admin, 'x-subject-token': subject });
      expect(validated.statusCode).toBe(200);
      expect(validated.json().token['OS-OAUTH1']).toEqual({ access_token_id: at.oauth_token, consumer_id: consumer.key });
      expect(validated.json().token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);
    });

    it('scopes the token to the access token project whatever the request asks', async () => {
      const { consumer, at } = await dance();
      const issued = await authWith(consumer, at, { system: { all: true } });
      expect(issued.statusCode).toBe(201);
      expect(issued.json().token.project.id).toBe(adminProjectId);
      expect(issued.json().token).not.toHaveProperty('system');
    });

    it('refuses a bad signature, a wrong secret and an unknown access token', async () => {
      const { consumer, at } = await dance();
      expect((await authWith(consumer, { key: at.key, secret: 'wrong' })).statusCode).toBe(401);
      expect((await authWith({ key: consumer.key, secret: 'wrong' }, at)).statusCode).toBe(401);
      const unknown = await authWith(consumer, { key: 'f'.repeat(32), secret: at.secret });
      expect(unknown.statusCode).toBe(404);
      const noHeader = await req('POST', '/v3/auth/tokens', {}, { auth: { identity: { methods: ['oauth1'], oauth1: {} } } });
      expect(noHeader.statusCode).toBe(400);
    });

    it('checks request token requests', async () => {
      const consumer = await newConsumer();
      const noProject = await requestToken(consumer, null);
      expect(noProject.statusCode).toBe(400);
      expect(noProject.json().error.message).toContain('Requested-Project-Id');
      expect((await requestToken(consumer, 'nosuchproject')).statusCode).toBe(404);
      const noCallback = await requestToken(consumer, adminProjectId, {});
      expect(noCallback.statusCode).toBe(400);
      expect(noCallback.json().error.message).toBe('Validation failed with errors: invalid_request, detail message is: Missing callback URI..');
      const badSig = await requestToken({ key: consumer.key, secret: 'wrong' });
      expect(badSig.statusCode).toBe(401);
      expect(badSig.json().error.message).toBe('Invalid signature');
      expect((await requestToken({ key: 'a'.repeat(32), secret: 'x' })).statusCode).toBe(404);
      const stale = await req('POST', '/v3/OS-OAUTH1/request_token', {
        authorization: oauthHeader(`${ORIGIN}/v3/OS-OAUTH1/request_token`, consumer, undefined, { oauth_callback: 'oob' }, { timestamp: Math.floor(Date.now() / 1000) - 3600 }),
        'requested-project-id': adminProjectId,
      });
      expect(stale.statusCode).toBe(400);
      expect(stale.json().error.message).toContain('Timestamp given is invalid');
      expect((await req('POST', '/v3/OS-OAUTH1/request_token', { 'requested-project-id': adminProjectId })).statusCode).toBe(400);
    });

    it('checks authorizations: roles held, role format, delegated callers', async () => {
      const consumer = await newConsumer();
      const rt = form((await requestToken(consumer)).body);
      const notHeld = await authorize(rt.oauth_token, [{ id: 'f'.repeat(32) }]);
      expect(notHeld.statusCode).toBe(401);
      expect(notHeld.json().error.message).toBe('authorizing user does not have role required');
      expect((await authorize(rt.oauth_token, [{ id: roles.member, name: 'member' }])).statusCode).toBe(400);
      expect((await authorize(rt.oauth_token, [{ name: 'nosuchrole' }])).statusCode).toBe(404);
      expect((await authorize('0'.repeat(32), [{ id: roles.member }])).statusCode).toBe(404);

      const { consumer: c2, at } = await dance();
      const oauthToken = (await authWith(c2, at)).headers['x-subject-token'] as string;
      // The delegated token holds member only, so policy (admin_required) refuses it first.
      expect((await authorize(rt.oauth_token, [{ id: roles.member }], oauthToken)).statusCode).toBe(403);
    });

    it('refuses a delegated admin token from authorizing (delegation guard)', async () => {
      const { consumer, at } = await dance([{ id: roles.admin }]);
      const oauthToken = (await authWith(consumer, at)).headers['x-subject-token'] as string;
      const rt = form((await requestToken(await newConsumer())).body);
      const res = await authorize(rt.oauth_token, [{ id: roles.member }], oauthToken);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('Cannot authorize a request token with a token issued via delegation.');
      const listed = await req('GET', `/v3/users/${adminUserId}/OS-OAUTH1/access_tokens`, { 'x-auth-token': oauthToken });
      expect(listed.statusCode).toBe(403);
    });

    it('does not let an OAuth token be rescoped with the token method', async () => {
      const { consumer, at } = await dance();
      const oauthToken = (await authWith(consumer, at)).headers['x-subject-token'] as string;
      const res = await req('POST', '/v3/auth/tokens', {}, { auth: { identity: { methods: ['token'], token: { id: oauthToken } } } });
      expect(res.statusCode).toBe(403);
    });
  });

  describe("a user's access tokens", () => {
    it('lists, shows (no secret, no roles), lists roles, shows a role', async () => {
      const { consumer, at, expiresAt } = await dance();
      const base = `/v3/users/${adminUserId}/OS-OAUTH1/access_tokens`;
      const list = await req('GET', base, admin);
      expect(list.statusCode).toBe(200);
      expect(list.json().access_tokens.map((t: { id: string }) => t.id)).toContain(at.key);

      const shown = await req('GET', `${base}/${at.key}`, admin);
      expect(shown.statusCode).toBe(200);
      const t = shown.json().access_token;
      expect(t).toEqual({
        id: at.key,
        consumer_id: consumer.key,
        authorizing_user_id: adminUserId,
        project_id: adminProjectId,
        expires_at: expiresAt,
        links: { self: `${LINKS}${base}/${at.key}`, roles: `${LINKS}${base}/${at.key}/roles` },
      });

      const roleList = await req('GET', `${base}/${at.key}/roles`, admin);
      expect(roleList.statusCode).toBe(200);
      expect(roleList.json().roles.map((r: { id: string }) => r.id)).toEqual([roles.member]);
      expect(roleList.json().roles[0]).not.toHaveProperty('description');

      const role = await req('GET', `${base}/${at.key}/roles/${roles.member}`, admin);
      expect(role.statusCode).toBe(200);
      expect(role.json().role).toMatchObject({ id: roles.member, name: 'member' });
      expect((await req('GET', `${base}/${at.key}/roles/${roles.admin}`, admin)).statusCode).toBe(404);
      expect((await req('GET', `/v3/users/someoneelse/OS-OAUTH1/access_tokens/${at.key}`, admin)).statusCode).toBe(404);
    });

    it('revoking an access token invalidates the tokens issued with it', async () => {
      const { consumer, at } = await dance();
      const subject = (await authWith(consumer, at)).headers['x-subject-token'] as string;
      const base = `/v3/users/${adminUserId}/OS-OAUTH1/access_tokens`;
      expect((await req('DELETE', `${base}/${at.key}`, admin)).statusCode).toBe(204);
      expect((await req('GET', `${base}/${at.key}`, admin)).statusCode).toBe(404);
      expect((await req('GET', '/v3/auth/tokens', { ...admin, 'x-subject-token': subject })).statusCode).toBe(404);
      expect((await authWith(consumer, at)).statusCode).toBe(404);
    });

    it('deleting a consumer invalidates its access tokens and their tokens', async () => {
      const { consumer, at } = await dance();
      const subject = (await authWith(consumer, at)).headers['x-subject-token'] as string;
      expect((await req('DELETE', `/v3/OS-OAUTH1/consumers/${consumer.key}`, admin)).statusCode).toBe(204);
      expect((await req('GET', '/v3/auth/tokens', { ...admin, 'x-subject-token': subject })).statusCode).toBe(404);
      expect((await req('GET', `/v3/users/${adminUserId}/OS-OAUTH1/access_tokens/${at.key}`, admin)).statusCode).toBe(404);
    });
  });
});
