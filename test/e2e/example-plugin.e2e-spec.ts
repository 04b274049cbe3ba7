import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Sha256IdGenerator } from '@keystone-ts/core';
import { startTestServer, type TestServer } from '../support/e2e-server';

const FIXTURE = resolve(__dirname, '../fixtures/example-plugin');

/**
 * The third-party example plugin, installed as its own package and enabled
 * through keystone.conf alone: its file-backed identity driver serves one
 * domain (from keystone.<domain>.conf) and its `pin` method logs users in.
 */
describe('third-party plugin through keystone.conf', () => {
  let ks: TestServer;
  let auth: Record<string, string>;
  let domainId: string;

  beforeAll(async () => {
    ks = await startTestServer({
      setup: (dir) => {
        mkdirSync(join(dir, 'node_modules'), { recursive: true });
        symlinkSync(FIXTURE, join(dir, 'node_modules', 'keystone-ts-example-plugin'));
        mkdirSync(join(dir, 'domains'));
        writeFileSync(
          join(dir, 'users.json'),
          JSON.stringify({
            users: [
              { id: 'ann', name: 'ann', password: 'ann-pass', email: 'ann@example.org' },
              { id: 'ben', name: 'ben', password: 'ben-pass', enabled: false },
            ],
            groups: [{ id: 'staff', name: 'staff', members: ['ann'] }],
          }),
        );
        writeFileSync(join(dir, 'domains', 'keystone.filedom.conf'), `[identity]\ndriver = example-file\nexample_users_file = ${join(dir, 'users.json')}\n`);
      },
      extraConfig: [
        '[identity]',
        'domain_specific_drivers_enabled = true',
        'domain_config_dir = $state_path/domains',
        '[plugins]',
        'packages = keystone-ts-example-plugin',
        '[auth]',
        'methods = password,token,pin',
        '[example_pin]',
        'pins = ann:1234',
      ].join('\n'),
    });
    auth = { 'x-auth-token': ks.adminToken };
    const created = await ks.request({ method: 'POST', url: '/v3/domains', headers: auth, payload: { domain: { name: 'filedom' } } });
    expect(created.statusCode).toBe(201);
    domainId = created.json().domain.id;
  });
  afterAll(async () => ks?.close());

  const publicId = (local: string) => new Sha256IdGenerator().generatePublicId({ domain_id: domainId, local_id: local, entity_type: 'user' });

  it('lists the domain\'s users from the file with mapped public IDs', async () => {
    const res = await ks.request({ method: 'GET', url: `/v3/users?domain_id=${domainId}`, headers: auth });
    expect(res.statusCode).toBe(200);
    const users = res.json().users as { id: string; name: string; domain_id: string; enabled: boolean }[];
    expect(users.map((u) => [u.name, u.id, u.domain_id, u.enabled])).toEqual([
      ['ann', publicId('ann'), domainId, true],
      ['ben', publicId('ben'), domainId, false],
    ]);
    const one = await ks.request({ method: 'GET', url: `/v3/users/${publicId('ann')}`, headers: auth });
    expect(one.json().user).toMatchObject({ name: 'ann', email: 'ann@example.org', domain_id: domainId });
  });

  it('keeps the default domain on SQL', async () => {
    const res = await ks.request({ method: 'GET', url: '/v3/users?domain_id=default', headers: auth });
    expect(res.json().users.map((u: { name: string }) => u.name)).toEqual(['admin']);
  });

  it('refuses writes to the read-only backend with 403', async () => {
    const res = await ks.request({ method: 'POST', url: '/v3/users', headers: auth, payload: { user: { name: 'cat', domain_id: domainId } } });
    expect(res.statusCode).toBe(403);
  });

  it('logs a file user in with a password', async () => {
    const res = await ks.request({
      method: 'POST',
      url: '/v3/auth/tokens',
      payload: { auth: { identity: { methods: ['password'], password: { user: { name: 'ann', domain: { name: 'filedom' }, password: 'ann-pass' } } } } },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().token.user).toMatchObject({ id: publicId('ann'), name: 'ann', domain: { id: domainId, name: 'filedom' } });
    const bad = await ks.request({
      method: 'POST',
      url: '/v3/auth/tokens',
      payload: { auth: { identity: { methods: ['password'], password: { user: { name: 'ann', domain: { name: 'filedom' }, password: 'nope' } } } } },
    });
    expect(bad.statusCode).toBe(401);
  });

  it('logs a file user in with the plugin\'s pin method', async () => {
    const pin = (value: string) =>
      ks.request({ method: 'POST', url: '/v3/auth/tokens', payload: { auth: { identity: { methods: ['pin'], pin: { user: { id: publicId('ann') }, pin: value } } } } });
    const ok = await pin('1234');
    expect(ok.statusCode).toBe(201);
    expect(ok.json().token.methods).toEqual(['pin']);
    expect((await pin('0000')).statusCode).toBe(401);
  });

  it('refuses a disabled file user', async () => {
    const res = await ks.request({
      method: 'POST',
      url: '/v3/auth/tokens',
      payload: { auth: { identity: { methods: ['password'], password: { user: { name: 'ben', domain: { name: 'filedom' }, password: 'ben-pass' } } } } },
    });
    expect(res.statusCode).toBe(401);
  });
});
