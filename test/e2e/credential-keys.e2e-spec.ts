import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bootKeystone } from '@keystone-ts/server';
import { COMMANDS } from '../../apps/keystone-manage/src/commands';
import { startTestServer, type TestServer } from '../support/e2e-server';

/** `keystone-manage credential_setup / credential_rotate` against a live database. */
describe('keystone-manage credential_setup, credential_rotate and credential_migrate', () => {
  let ks: TestServer;
  beforeAll(async () => {
    ks = await startTestServer();
  });
  afterAll(async () => ks?.close());

  async function manage(name: string) {
    const out: string[] = [];
    const err: string[] = [];
    const runtime = bootKeystone(['--config-file', join(ks.dir, 'keystone.conf')]);
    const command = COMMANDS.find((c) => c.name === name)!;
    const code = await command.run({ runtime, flags: {}, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }
  const keys = () => readdirSync(join(ks.dir, 'credential-keys')).sort();

  it('rotates only while every credential is encrypted with the primary key', async () => {
    expect((await manage('credential_setup')).code).toBe(0);
    expect(keys()).toEqual(['0', '1']);
    const me = (await ks.request({ method: 'GET', url: '/v3/users?name=admin', headers: { 'x-auth-token': ks.adminToken } })).json().users[0].id;
    const created = await ks.request({ method: 'POST', url: '/v3/credentials', headers: { 'x-auth-token': ks.adminToken }, payload: { credential: { user_id: me, type: 'cert', blob: 'kept' } } });
    expect(created.statusCode).toBe(201);

    // Every credential uses key 1, the primary: the rotation goes ahead (2 becomes primary).
    expect((await manage('credential_rotate')).code).toBe(0);
    expect(keys()).toEqual(['0', '1', '2']);

    // Now the credential is under a secondary key: rotating again would retire it.
    const refused = await manage('credential_rotate');
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([
      'Unable to rotate credential keys because not all credentials are encrypted with the primary key. Please make sure all credentials have been encrypted with the primary key using `keystone-manage credential_migrate`.',
    ]);
    expect(keys()).toEqual(['0', '1', '2']);
    // Still readable with the secondary key.
    const shown = await ks.request({ method: 'GET', url: `/v3/credentials/${created.json().credential.id}`, headers: { 'x-auth-token': ks.adminToken } });
    expect(shown.json().credential.blob).toBe('kept');

    // credential_migrate re-encrypts it with the primary key; then the rotation goes ahead.
    const migrated = await manage('credential_migrate');
    expect([migrated.code, migrated.out]).toEqual([0, ['credential_migrate: 1 credential(s) re-encrypted with the primary key']]);
    expect((await manage('credential_migrate')).out).toEqual(['credential_migrate: 0 credential(s) re-encrypted with the primary key']);
    expect((await manage('credential_rotate')).code).toBe(0);
    expect(keys()).toEqual(['0', '2', '3']);
    const after = await ks.request({ method: 'GET', url: `/v3/credentials/${created.json().credential.id}`, headers: { 'x-auth-token': ks.adminToken } });
    expect(after.json().credential.blob).toBe('kept');
  });
});
