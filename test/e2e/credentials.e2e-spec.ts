import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { startTestServer, type TestServer } from '../support/e2e-server';

/** A credential key and rows as Keystone 22 wrote them (python-cryptography Fernet, sha1 key hash). */
const KEYSTONE_KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const KEYSTONE_KEY_HASH = '86a1932a93c72239442f6cd6296f4eb28d8a1730';
const KEYSTONE_EC2_ROW = {
  id: 'bcb3daa2ef79a5bfa2e82650d6d32f35c7cbfc848844f4c42c73eaf899e73d8e',
  type: 'ec2',
  encrypted_blob:
    'gAAAAABrBCPpXmD8Y-ol-HKS7t9kk2tmSGtKwec-5WPuv4pUvQMnahjPioHHsBw6FdObXjMBpJwU7ziHLVd1zjZz40ElDWC0MF9zU3K4ke28oY7Txk2qWw-YVskMZAGeD4TXOAKqEAJGlPBNtqwSSuFdErR2w0ROlZPh_TNggtEq9NkRzOckrURL5lUkIb7wFlw6XTgUzPan',
};
const KEYSTONE_TOTP_ROW = {
  id: 'totp-from-keystone',
  type: 'totp',
  encrypted_blob: 'gAAAAABrBCPp6buoYD_Od9JT4i24tJnNkxvtlPPr1pki2wowO2RpBvmpMZEsw7p4ZDb7bz57Yr9skM-7rrE9gSHTzYiHU1-165At6You6-ert-Kne0se_ek=',
};

describe('/v3/credentials', () => {
  let ks: TestServer;
  let projectId: string;
  let otherProjectId: string;
  let adminId: string;
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  const roles: Record<string, string> = {};

  const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, token: string, payload?: unknown) =>
    ks.request({ method, url, headers: { 'x-auth-token': token }, payload });
  const db = () => (ks.runtime.services.database as unknown as { knex(): Knex }).knex();
  const ec2Blob = (access: string, secret = 's3cr3t') => JSON.stringify({ access, secret });

  async function makeUser(name: string): Promise<{ id: string; token: string }> {
    const created = await req('POST', '/v3/users', ks.adminToken, { user: { name, password: 'pw-' + name, domain_id: 'default' } });
    const id = created.json().user.id as string;
    expect((await req('PUT', `/v3/projects/${projectId}/users/${id}/roles/${roles.member}`, ks.adminToken)).statusCode).toBe(204);
    return { id, token: await ks.token(name, 'pw-' + name, 'creds') };
  }

  beforeAll(async () => {
    ks = await startTestServer({ files: { 'credential-keys/0': KEYSTONE_KEY } });
    const p = await req('POST', '/v3/projects', ks.adminToken, { project: { name: 'creds', domain_id: 'default' } });
    projectId = p.json().project.id;
    otherProjectId = (await req('POST', '/v3/projects', ks.adminToken, { project: { name: 'other', domain_id: 'default' } })).json().project.id;
    for (const name of ['admin', 'member', 'reader']) roles[name] = (await req('GET', `/v3/roles?name=${name}`, ks.adminToken)).json().roles[0].id;
    adminId = (await req('GET', '/v3/users?name=admin', ks.adminToken)).json().users[0].id;
    alice = await makeUser('alice');
    bob = await makeUser('bob');
  });
  afterAll(async () => ks?.close());

  it('creates, shows, updates and deletes; the blob is stored encrypted with the primary key', async () => {
    const created = await req('POST', '/v3/credentials', ks.adminToken, { credential: { user_id: alice.id, type: 'cert', blob: 'secret-cert', name: 'mine' } });
    expect(created.statusCode).toBe(201);
    const cred = created.json().credential;
    expect(cred).toMatchObject({ user_id: alice.id, type: 'cert', blob: 'secret-cert', project_id: null, name: 'mine' });
    expect(cred.id).toMatch(/^[0-9a-f]{32}$/);
    expect(cred.links.self).toMatch(new RegExp(`^http://localhost(:80)?/v3/credentials/${cred.id}$`));
    expect(cred).not.toHaveProperty('encrypted_blob');

    const row = await db()('credential').where({ id: cred.id }).first();
    expect(row.encrypted_blob).toMatch(/^gAAAAA[A-Za-z0-9_-]+=*$/);
    expect(row.encrypted_blob).not.toContain('secret-cert');
    expect(row.key_hash).toBe(KEYSTONE_KEY_HASH);
    expect(JSON.parse(row.extra)).toEqual({ name: 'mine' });

    const shown = await req('GET', `/v3/credentials/${cred.id}`, alice.token);
    expect(shown.statusCode).toBe(200);
    expect(shown.json().credential).toMatchObject({ id: cred.id, blob: 'secret-cert', name: 'mine' });

    const updated = await req('PATCH', `/v3/credentials/${cred.id}`, alice.token, { credential: { blob: 'new-cert' } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().credential).toMatchObject({ id: cred.id, blob: 'new-cert', user_id: alice.id });
    expect((await req('GET', `/v3/credentials/${cred.id}`, ks.adminToken)).json().credential.blob).toBe('new-cert');

    expect((await req('DELETE', `/v3/credentials/${cred.id}`, alice.token)).statusCode).toBe(204);
    const gone = await req('GET', `/v3/credentials/${cred.id}`, ks.adminToken);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error).toEqual({ code: 404, title: 'Not Found', message: `Could not find credential: ${cred.id}.` });
  });

  it('names an ec2 credential by the sha256 of its access key and keeps its blob as JSON text', async () => {
    const blob = ec2Blob('alice-access');
    const created = await req('POST', '/v3/credentials', alice.token, { credential: { user_id: alice.id, project_id: projectId, type: 'ec2', blob } });
    expect(created.statusCode).toBe(201);
    const cred = created.json().credential;
    expect(cred.id).toBe(createHash('sha256').update('alice-access').digest('hex'));
    expect(cred.blob).toBe(blob);
    expect((await req('GET', `/v3/credentials/${cred.id}`, alice.token)).json().credential.blob).toBe(blob);
    const again = await req('POST', '/v3/credentials', alice.token, { credential: { user_id: alice.id, project_id: projectId, type: 'ec2', blob } });
    expect(again.statusCode).toBe(409);
    await req('DELETE', `/v3/credentials/${cred.id}`, alice.token);
  });

  it('validates bodies as Keystone 22 does', async () => {
    const post = (credential: unknown) => req('POST', '/v3/credentials', ks.adminToken, { credential });
    expect((await post({ user_id: alice.id, type: 'ec2', blob: ec2Blob('x') })).statusCode).toBe(400); // ec2 needs project_id
    expect((await post({ user_id: alice.id, type: 'cert' })).statusCode).toBe(400);
    const notJson = await post({ user_id: alice.id, project_id: projectId, type: 'ec2', blob: 'not json' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.message).toBe('Invalid blob in credential');
    const noAccess = await post({ user_id: alice.id, project_id: projectId, type: 'ec2', blob: '{"secret": "x"}' });
    expect(noAccess.statusCode).toBe(400);
    expect(noAccess.json().error.message).toMatch(/^Expecting to find access in credential/);
    expect((await post({ user_id: alice.id, project_id: projectId, type: 'ec2', blob: '[1]' })).json().error.message).toMatch(/^Expecting to find blob in credential/);
    expect((await post('nope')).statusCode).toBe(400);

    const cred = (await post({ user_id: alice.id, type: 'cert', blob: 'b' })).json().credential;
    // Only the blob may change since the fix for LP#2159643 (tempest's update with project_id/type fails on Keystone 22 too).
    const retype = await req('PATCH', `/v3/credentials/${cred.id}`, ks.adminToken, { credential: { blob: 'c', type: 'ec2' } });
    expect(retype.statusCode).toBe(400);
    expect(retype.json().error.message).toContain("'type' was unexpected");
    expect((await req('PATCH', `/v3/credentials/${cred.id}`, ks.adminToken, { credential: {} })).statusCode).toBe(400);
    expect((await req('PATCH', '/v3/credentials/missing', ks.adminToken, { credential: { blob: 'x' } })).statusCode).toBe(404);
    await req('DELETE', `/v3/credentials/${cred.id}`, ks.adminToken);
  });

  it('refuses to change the delegation recorded in an ec2 blob', async () => {
    const id = (await req('POST', '/v3/credentials', ks.adminToken, { credential: { user_id: alice.id, project_id: projectId, type: 'ec2', blob: ec2Blob('scoped') } })).json().credential.id;
    const res = await req('PATCH', `/v3/credentials/${id}`, ks.adminToken, { credential: { blob: JSON.stringify({ access: 'scoped', secret: 'x', trust_id: 't1' }) } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('trust_id can not be updated for credential');
    const ok = await req('PATCH', `/v3/credentials/${id}`, ks.adminToken, { credential: { blob: JSON.stringify({ access: 'scoped', secret: 'new' }) } });
    expect(ok.statusCode).toBe(200);
    // Keystone stores an updated ec2 blob without its extra JSON encoding and shows it re-serialised.
    expect(JSON.parse((await req('GET', `/v3/credentials/${id}`, ks.adminToken)).json().credential.blob)).toEqual({ access: 'scoped', secret: 'new' });
    await req('DELETE', `/v3/credentials/${id}`, ks.adminToken);
  });

  it('lets users see and manage only their own credentials; filters by user_id and type', async () => {
    const mk = (user: string, type: string, token = ks.adminToken) => req('POST', '/v3/credentials', token, { credential: { user_id: user, type, blob: `${user}-${type}` } });
    const a1 = (await mk(alice.id, 'cert', alice.token)).json().credential.id;
    const a2 = (await mk(alice.id, 'totp', alice.token)).json().credential.id;
    const b1 = (await mk(bob.id, 'cert')).json().credential.id;

    expect((await mk(bob.id, 'cert', alice.token)).statusCode).toBe(403);
    const aliceList = await req('GET', '/v3/credentials', alice.token);
    expect(aliceList.statusCode).toBe(200);
    expect(aliceList.json().credentials.map((c: { id: string }) => c.id).sort()).toEqual([a1, a2].sort());
    expect(aliceList.json().links).toEqual({ self: expect.stringMatching(/\/v3\/credentials$/), previous: null, next: null });
    expect((await req('GET', `/v3/credentials?user_id=${bob.id}`, alice.token)).json().credentials).toEqual([]);
    expect((await req('GET', `/v3/credentials/${b1}`, alice.token)).statusCode).toBe(403);
    expect((await req('PATCH', `/v3/credentials/${b1}`, alice.token, { credential: { blob: 'x' } })).statusCode).toBe(403);
    expect((await req('DELETE', `/v3/credentials/${b1}`, alice.token)).statusCode).toBe(403);
    // The target is looked up after authentication only: no token, no existence leak.
    expect((await ks.request({ method: 'GET', url: `/v3/credentials/${b1}` })).statusCode).toBe(401);

    const adminAll = (await req('GET', '/v3/credentials', ks.adminToken)).json().credentials.map((c: { id: string }) => c.id);
    expect(adminAll).toEqual(expect.arrayContaining([a1, a2, b1]));
    const certs = (await req('GET', `/v3/credentials?type=cert&user_id=${alice.id}`, ks.adminToken)).json().credentials;
    expect(certs.map((c: { id: string }) => c.id)).toEqual([a1]);
    for (const id of [a1, a2, b1]) await req('DELETE', `/v3/credentials/${id}`, ks.adminToken);
  });

  it('refuses delegated tokens (here: an ec2-derived one) as Keystone 22 does', async () => {
    // Tokens issued by /v3/ec2tokens carry the ec2credential method: delegation.
    const access = 'deleg-access';
    await req('POST', '/v3/credentials', ks.adminToken, { credential: { user_id: alice.id, project_id: projectId, type: 'ec2', blob: ec2Blob(access, 'sec') } });
    const { signedV2 } = await import('./support/ec2-signing');
    const params = signedV2('sec', access, 'GET', 'localhost', '/');
    const issued = await req('POST', '/v3/ec2tokens', ks.adminToken, { credentials: params });
    expect(issued.statusCode).toBe(200);
    const ec2Token = issued.headers['x-subject-token'] as string;
    const denied = await req('GET', `/v3/credentials/${createHash('sha256').update(access).digest('hex')}`, ec2Token);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toBe('You are not authorized to perform the requested action: Delegated tokens cannot access credentials directly.');
    expect((await req('GET', '/v3/credentials', ec2Token)).json().credentials).toEqual([]);
    expect((await req('POST', '/v3/credentials', ec2Token, { credential: { user_id: alice.id, type: 'cert', blob: 'x' } })).statusCode).toBe(403);
    await req('DELETE', `/v3/credentials/${createHash('sha256').update(access).digest('hex')}`, ks.adminToken);
  });

  it('reads rows written by Keystone 22', async () => {
    await db()('credential').insert([
      { ...KEYSTONE_EC2_ROW, user_id: alice.id, project_id: projectId, key_hash: KEYSTONE_KEY_HASH, extra: '{}' },
      { ...KEYSTONE_TOTP_ROW, user_id: alice.id, project_id: null, key_hash: KEYSTONE_KEY_HASH, extra: '{}' },
    ]);
    const ec2 = (await req('GET', `/v3/credentials/${KEYSTONE_EC2_ROW.id}`, alice.token)).json().credential;
    expect(JSON.parse(ec2.blob)).toEqual({ access: 'legacy-access', secret: 'legacy-secret', trust_id: null });
    expect((await req('GET', `/v3/credentials/${KEYSTONE_TOTP_ROW.id}`, alice.token)).json().credential.blob).toBe('plain-totp-secret');
    const osEc2 = (await req('GET', `/v3/users/${alice.id}/credentials/OS-EC2/legacy-access`, alice.token)).json().credential;
    expect(osEc2).toMatchObject({ access: 'legacy-access', secret: 'legacy-secret', tenant_id: projectId, user_id: alice.id, trust_id: null });
    await db()('credential').whereIn('id', [KEYSTONE_EC2_ROW.id, KEYSTONE_TOTP_ROW.id]).delete();
  });

  it('drops credentials with their user or project', async () => {
    const carol = await makeUser('carol');
    const a = await req('POST', '/v3/credentials', ks.adminToken, { credential: { user_id: carol.id, type: 'cert', blob: 'a', project_id: otherProjectId } });
    expect(a.statusCode).toBe(201);
    const b = await req('POST', '/v3/credentials', ks.adminToken, { credential: { user_id: adminId, type: 'cert', blob: 'b', project_id: otherProjectId } });
    expect((await req('DELETE', `/v3/projects/${otherProjectId}`, ks.adminToken)).statusCode).toBe(204);
    expect((await req('GET', `/v3/credentials/${b.json().credential.id}`, ks.adminToken)).statusCode).toBe(404);
    const c = await req('POST', '/v3/credentials', ks.adminToken, { credential: { user_id: carol.id, type: 'cert', blob: 'c' } });
    expect((await req('DELETE', `/v3/users/${carol.id}`, ks.adminToken)).statusCode).toBe(204);
    expect((await req('GET', `/v3/credentials/${c.json().credential.id}`, ks.adminToken)).statusCode).toBe(404);
  });
});

describe('/v3/credentials with [credential] user_limit', () => {
  let ks: TestServer;
  beforeAll(async () => {
    ks = await startTestServer({ extraConfig: '[credential]\nuser_limit = 1\n' });
  });
  afterAll(async () => ks?.close());

  it('refuses a credential over the limit with 403', async () => {
    const me = (await ks.request({ method: 'GET', url: '/v3/users?name=admin', headers: { 'x-auth-token': ks.adminToken } })).json().users[0].id;
    const post = () => ks.request({ method: 'POST', url: '/v3/credentials', headers: { 'x-auth-token': ks.adminToken }, payload: { credential: { user_id: me, type: 'cert', blob: 'x' } } });
    expect((await post()).statusCode).toBe(201);
    const over = await post();
    expect(over.statusCode).toBe(403);
    expect(over.json().error.message).toBe('Unable to create additional credentials, maximum of 1 already exceeded for user.');
  });
});
