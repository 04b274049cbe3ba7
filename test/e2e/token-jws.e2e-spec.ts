import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Namespaces } from '@keystone-ts/plugin-sdk';
import { bootKeystone } from '@keystone-ts/server';
import { createJwsKeypairCommand } from '../../apps/keystone-manage/src/commands/create-jws-keypair.command';
import { startTestServer, ADMIN_PASSWORD, type TestServer } from '../support/e2e-server';

/** Repositories holding a pair made by our `keystone-manage create_jws_keypair --keyfile … --public-keyfile …`. */
async function createRepositories(): Promise<{ root: string; conf: string }> {
  const root = mkdtempSync(join(tmpdir(), 'jws-e2e-'));
  mkdirSync(join(root, 'private'));
  mkdirSync(join(root, 'public'));
  const flags = { keyfile: join(root, 'private', 'private.pem'), 'public-keyfile': join(root, 'public', 'public.pem') };
  const errors: string[] = [];
  const code = await createJwsKeypairCommand.run({ runtime: {} as never, flags, out: () => undefined, err: (l) => errors.push(l) });
  if (code !== 0) throw new Error(`create_jws_keypair: ${errors.join('; ')}`);
  const conf = ['[token]', 'provider = jws', '[jwt_tokens]', `jws_private_key_repository = ${root}/private`, `jws_public_key_repository = ${root}/public`].join('\n');
  return { root, conf };
}

function decode(token: string) {
  const [h, p, s] = token.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), claims: JSON.parse(Buffer.from(p, 'base64url').toString()), signature: s };
}

describe('[token] provider = jws', () => {
  let ks: TestServer;
  let root: string;
  const auth = (t: string) => ({ 'x-auth-token': t });
  beforeAll(async () => {
    const repos = await createRepositories();
    root = repos.root;
    ks = await startTestServer({ extraConfig: repos.conf });
  });
  afterAll(async () => {
    await ks?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('issues ES256 JWTs carrying Keystone claims', async () => {
    const { header, claims } = decode(ks.adminToken);
    expect(header).toEqual({ alg: 'ES256', typ: 'JWT' });
    expect(Object.keys(claims)).toEqual(['sub', 'iat', 'exp', 'openstack_methods', 'openstack_audit_ids', 'openstack_project_id']);
    expect(claims.openstack_methods).toEqual(['password']);
  });

  it('validates its tokens (GET and HEAD) and accepts them as X-Auth-Token', async () => {
    const subject = await ks.token('admin', ADMIN_PASSWORD, 'admin');
    const got = await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth(ks.adminToken), 'x-subject-token': subject } });
    expect(got.statusCode).toBe(200);
    expect(got.headers['x-subject-token']).toBe(subject);
    const body = got.json().token;
    expect(body.project.name).toBe('admin');
    expect(body.audit_ids).toEqual(decode(subject).claims.openstack_audit_ids);
    expect(body.expires_at).toBe(new Date(decode(subject).claims.exp * 1000).toISOString().replace(/\.\d{3}Z$/, '.000000Z'));
    expect(body.issued_at).toBe(new Date(decode(subject).claims.iat * 1000).toISOString().replace(/\.\d{3}Z$/, '.000000Z'));
    const head = await ks.request({ method: 'HEAD', url: '/v3/auth/tokens', headers: { ...auth(ks.adminToken), 'x-subject-token': subject } });
    expect(head.statusCode).toBe(200);
    expect((await ks.request({ method: 'GET', url: '/v3/users', headers: auth(subject) })).statusCode).toBe(200);
  });

  it('rescopes with the token method, continuing the audit chain', async () => {
    const unscoped = await ks.token('admin', ADMIN_PASSWORD, null);
    const res = await ks.request({
      method: 'POST',
      url: '/v3/auth/tokens',
      payload: { auth: { identity: { methods: ['token'], token: { id: unscoped } }, scope: { project: { name: 'admin', domain: { id: 'default' } } } } },
    });
    expect(res.statusCode).toBe(201);
    const rescoped = decode(res.headers['x-subject-token'] as string).claims;
    expect(rescoped.openstack_audit_ids[1]).toBe(decode(unscoped).claims.openstack_audit_ids[0]);
    expect([...rescoped.openstack_methods].sort()).toEqual(['password', 'token']);
  });

  it('revokes a token (DELETE), after which it no longer validates', async () => {
    const subject = await ks.token('admin', ADMIN_PASSWORD, 'admin');
    expect((await ks.request({ method: 'DELETE', url: '/v3/auth/tokens', headers: { ...auth(ks.adminToken), 'x-subject-token': subject } })).statusCode).toBe(204);
    const got = await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth(ks.adminToken), 'x-subject-token': subject } });
    expect(got.statusCode).toBe(404);
    expect((await ks.request({ method: 'GET', url: '/v3/users', headers: auth(subject) })).statusCode).toBe(401);
  });

  it('answers 404 for a forged subject token and 401 for a forged X-Auth-Token, with Keystone error bodies', async () => {
    const { header, signature } = decode(ks.adminToken);
    const forgedClaims = { ...decode(ks.adminToken).claims, sub: 'someone-else' };
    const forged = [Buffer.from(JSON.stringify(header)).toString('base64url'), Buffer.from(JSON.stringify(forgedClaims)).toString('base64url'), signature].join('.');
    const got = await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth(ks.adminToken), 'x-subject-token': forged } });
    expect(got.statusCode).toBe(404);
    expect(got.json().error).toMatchObject({ code: 404, title: 'Not Found' });
    const asCaller = await ks.request({ method: 'GET', url: '/v3/users', headers: auth(forged) });
    expect(asCaller.statusCode).toBe(401);
    expect(asCaller.json().error.code).toBe(401);
  });
});

describe('[token] provider = jws without keys', () => {
  // Built as the token manager builds it at boot (a failed boot of the whole app would leave handles open).
  it("refuses to start with Keystone's reason", async () => {
    const root = mkdtempSync(join(tmpdir(), 'jws-e2e-none-'));
    const conf = join(root, 'keystone.conf');
    writeFileSync(conf, ['[token]', 'provider = jws', '[jwt_tokens]', `jws_private_key_repository = ${root}/private`, `jws_public_key_repository = ${root}/public`].join('\n'));
    const runtime = bootKeystone(['--config-file', conf]);
    await expect(runtime.drivers.createDriver(Namespaces.tokenProvider, runtime.config.get('token', 'provider'), runtime.config)).rejects.toThrow(
      `${root}/private/private.pem does not exist. You can generate a key pair using \`keystone-manage create_jws_keypair\`.`,
    );
    rmSync(root, { recursive: true, force: true });
  });
});
