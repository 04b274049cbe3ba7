import { createHash } from 'node:crypto';
import { startTestServer, type TestServer } from '../support/e2e-server';
import { isoNow, signedV2, signedV4 } from './support/ec2-signing';

describe('OS-EC2 credentials and /v3/ec2tokens', () => {
  let ks: TestServer;
  let projectId: string;
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };

  const req = (method: 'GET' | 'POST' | 'DELETE' | 'PUT', url: string, token?: string, payload?: unknown) =>
    ks.request({ method, url, headers: token ? { 'x-auth-token': token } : {}, payload });

  async function makeUser(name: string): Promise<{ id: string; token: string }> {
    const id = (await req('POST', '/v3/users', ks.adminToken, { user: { name, password: 'pw-' + name, domain_id: 'default' } })).json().user.id as string;
    const member = (await req('GET', '/v3/roles?name=member', ks.adminToken)).json().roles[0].id;
    expect((await req('PUT', `/v3/projects/${projectId}/users/${id}/roles/${member}`, ks.adminToken)).statusCode).toBe(204);
    return { id, token: await ks.token(name, 'pw-' + name, 'ec2') };
  }

  const ec2Create = (user: { id: string; token: string }, tenantId = projectId) => req('POST', `/v3/users/${user.id}/credentials/OS-EC2`, user.token, { tenant_id: tenantId });
  const ec2Tokens = (credentials: unknown, token = ks.adminToken) => req('POST', '/v3/ec2tokens', token, { credentials });

  beforeAll(async () => {
    ks = await startTestServer();
    projectId = (await req('POST', '/v3/projects', ks.adminToken, { project: { name: 'ec2', domain_id: 'default' } })).json().project.id;
    alice = await makeUser('alice');
    bob = await makeUser('bob');
  });
  afterAll(async () => ks?.close());

  describe('/v3/users/{user_id}/credentials/OS-EC2', () => {
    it('creates, lists, shows and deletes a user’s own ec2 credentials', async () => {
      const created = await ec2Create(alice);
      expect(created.statusCode).toBe(201);
      const cred = created.json().credential;
      expect(cred).toEqual({
        user_id: alice.id,
        tenant_id: projectId,
        access: expect.stringMatching(/^[0-9a-f]{32}$/),
        secret: expect.stringMatching(/^[0-9a-f]{32}$/),
        trust_id: null,
        links: { self: expect.stringMatching(new RegExp(`/v3/users/${alice.id}/credentials/OS-EC2/${cred.access}$`)) },
      });
      // The same credential through /v3/credentials: an ec2 one named by the hash of its access key.
      const v3 = (await req('GET', `/v3/credentials/${createHash('sha256').update(cred.access).digest('hex')}`, alice.token)).json().credential;
      expect(v3).toMatchObject({ type: 'ec2', user_id: alice.id, project_id: projectId });
      expect(JSON.parse(v3.blob)).toEqual({ access: cred.access, secret: cred.secret, trust_id: null });

      const second = (await ec2Create(alice)).json().credential;
      const list = await req('GET', `/v3/users/${alice.id}/credentials/OS-EC2`, alice.token);
      expect(list.statusCode).toBe(200);
      expect(list.json().credentials.map((c: { access: string }) => c.access).sort()).toEqual([cred.access, second.access].sort());

      const shown = await req('GET', `/v3/users/${alice.id}/credentials/OS-EC2/${cred.access}`, alice.token);
      expect(shown.statusCode).toBe(200);
      expect(shown.json().credential).toMatchObject({ access: cred.access, secret: cred.secret, user_id: alice.id, tenant_id: projectId });

      expect((await req('DELETE', `/v3/users/${alice.id}/credentials/OS-EC2/${cred.access}`, alice.token)).statusCode).toBe(204);
      const gone = await req('GET', `/v3/users/${alice.id}/credentials/OS-EC2/${cred.access}`, alice.token);
      expect(gone.statusCode).toBe(404);
      expect(gone.json().error.title).toBe('Not Found');
      await req('DELETE', `/v3/users/${alice.id}/credentials/OS-EC2/${second.access}`, alice.token);
    });

    it('keeps users out of each other’s ec2 credentials', async () => {
      const cred = (await ec2Create(alice)).json().credential;
      expect((await req('POST', `/v3/users/${alice.id}/credentials/OS-EC2`, bob.token, { tenant_id: projectId })).statusCode).toBe(403);
      expect((await req('GET', `/v3/users/${alice.id}/credentials/OS-EC2`, bob.token)).statusCode).toBe(403);
      expect((await req('GET', `/v3/users/${alice.id}/credentials/OS-EC2/${cred.access}`, bob.token)).statusCode).toBe(403);
      // Naming oneself in the path does not help: the owner is the credential's.
      expect((await req('GET', `/v3/users/${bob.id}/credentials/OS-EC2/${cred.access}`, bob.token)).statusCode).toBe(403);
      expect((await req('DELETE', `/v3/users/${bob.id}/credentials/OS-EC2/${cred.access}`, bob.token)).statusCode).toBe(403);
      expect((await req('GET', `/v3/users/${alice.id}/credentials/OS-EC2/${cred.access}`, ks.adminToken)).statusCode).toBe(200);
      await req('DELETE', `/v3/users/${alice.id}/credentials/OS-EC2/${cred.access}`, alice.token);
    });

    it('answers unknown users, projects and non-ec2 credentials as Keystone does', async () => {
      expect((await ec2Create(alice, 'no-such-project')).json().error).toMatchObject({ code: 404, message: 'Could not find project: no-such-project.' });
      expect((await req('GET', '/v3/users/nobody/credentials/OS-EC2', ks.adminToken)).statusCode).toBe(404);
      const cert = (await req('POST', '/v3/credentials', ks.adminToken, { credential: { user_id: alice.id, type: 'cert', blob: 'x' } })).json().credential;
      // Any id is hashed first: a non-ec2 credential cannot be reached here at all.
      expect((await req('GET', `/v3/users/${alice.id}/credentials/OS-EC2/${cert.id}`, ks.adminToken)).statusCode).toBe(404);
      await req('DELETE', `/v3/credentials/${cert.id}`, ks.adminToken);
      expect((await req('GET', `/v3/users/${alice.id}/credentials/OS-EC2`)).statusCode).toBe(401);
    });
  });

  describe('POST /v3/ec2tokens', () => {
    let cred: { access: string; secret: string };
    beforeAll(async () => {
      cred = (await ec2Create(alice)).json().credential;
    });

    it('issues a project-scoped token for a SigV2-signed request', async () => {
      const res = await ec2Tokens(signedV2(cred.secret, cred.access, 'GET', 'ec2.example.com:8773', '/services/Cloud/'));
      expect(res.statusCode).toBe(200);
      const token = res.json().token;
      expect(token.methods).toEqual(['ec2credential']);
      expect(token.user.id).toBe(alice.id);
      expect(token.project.id).toBe(projectId);
      expect(token.roles.map((r: { name: string }) => r.name)).toContain('member');
      expect(Array.isArray(token.catalog)).toBe(true);
      const subject = res.headers['x-subject-token'] as string;
      const validated = await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { 'x-auth-token': ks.adminToken, 'x-subject-token': subject } });
      expect(validated.statusCode).toBe(200);
      expect(validated.json().token).toMatchObject({ methods: ['ec2credential'], project: { id: projectId } });
    });

    it('accepts a signature made without the port of the host, and the body under credential or ec2Credentials', async () => {
      const signed = signedV2(cred.secret, cred.access, 'POST', 'ec2.example.com', '/');
      expect((await ec2Tokens({ ...signed, host: 'ec2.example.com:8773' })).statusCode).toBe(200);
      expect((await req('POST', '/v3/ec2tokens', ks.adminToken, { credential: signed })).statusCode).toBe(200);
      expect((await req('POST', '/v3/ec2tokens', ks.adminToken, { ec2Credentials: signed })).statusCode).toBe(200);
    });

    it('issues a token for a SigV4-signed request (header form, GET and POST)', async () => {
      const get = signedV4(cred.secret, cred.access, { verb: 'GET', host: 's3.example.com', path: '/bucket/key', query: { 'list-type': '2', prefix: 'a b' } });
      expect((await ec2Tokens(get)).statusCode).toBe(200);
      const post = signedV4(cred.secret, cred.access, { verb: 'POST', host: 's3.example.com', path: '/bucket', body: 'payload' });
      expect((await ec2Tokens(post)).statusCode).toBe(200);
    });

    it('refuses bad, missing and stale signatures with 401', async () => {
      const good = signedV2(cred.secret, cred.access, 'GET', 'h', '/');
      const wrong = await ec2Tokens(signedV2('not-the-secret', cred.access, 'GET', 'h', '/'));
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.message).toBe('Invalid EC2 signature.');
      expect((await ec2Tokens({ ...good, path: '/other' })).json().error.message).toBe('Invalid EC2 signature.');
      const v4 = signedV4(cred.secret, cred.access, { verb: 'GET', host: 's3', path: '/' });
      expect((await ec2Tokens({ ...v4, body_hash: createHash('sha256').update('tampered').digest('hex') })).statusCode).toBe(401);
      const { signature: _s, ...unsigned } = good;
      expect((await ec2Tokens(unsigned)).json().error).toEqual({ code: 401, title: 'Unauthorized', message: 'EC2 signature not supplied.' });
      expect((await ec2Tokens({ signature: 'x' })).json().error.message).toBe('EC2 Signature not supplied');
      const stale = signedV2(cred.secret, cred.access, 'GET', 'h', '/', { Timestamp: isoNow(-16 * 60_000) });
      expect((await ec2Tokens(stale)).json().error).toMatchObject({ code: 401, message: 'Credential is expired' });
      const garbled = signedV2(cred.secret, cred.access, 'GET', 'h', '/', { Timestamp: 'yesterday' });
      expect((await ec2Tokens(garbled)).json().error.message).toBe("Credential timestamp is invalid: Unable to parse date string 'yesterday'");
      const unknownVersion = await ec2Tokens({ ...good, params: { ...good.params, SignatureVersion: '7' } });
      expect(unknownVersion.statusCode).toBe(401);
    });

    it('answers unknown keys, empty bodies, callers without the service or admin role and GET', async () => {
      const unknown = await ec2Tokens(signedV2('x', 'no-such-access', 'GET', 'h', '/'));
      expect(unknown.statusCode).toBe(404);
      const empty = await req('POST', '/v3/ec2tokens', ks.adminToken, {});
      expect(empty.json().error).toMatchObject({ code: 400, message: 'request must include a request body' });
      expect((await ec2Tokens(signedV2(cred.secret, cred.access, 'GET', 'h', '/'), alice.token)).statusCode).toBe(403);
      expect((await ks.request({ method: 'POST', url: '/v3/ec2tokens', payload: { credentials: {} } })).statusCode).toBe(401);
      expect((await req('GET', '/v3/ec2tokens', ks.adminToken)).statusCode).toBe(405);
    });

    it('refuses a user who lost every role on the project', async () => {
      const carol = await makeUser('carol');
      const c = (await ec2Create(carol)).json().credential;
      const member = (await req('GET', '/v3/roles?name=member', ks.adminToken)).json().roles[0].id;
      expect((await req('DELETE', `/v3/projects/${projectId}/users/${carol.id}/roles/${member}`, ks.adminToken)).statusCode).toBe(204);
      const res = await ec2Tokens(signedV2(c.secret, c.access, 'GET', 'h', '/'));
      expect(res.json().error).toMatchObject({ code: 401, message: 'User not valid for project.' });
    });
  });
});
