import { startTestServer, type TestServer } from '../support/e2e-server';
import { createUser, externalAuth, injectFrom } from '../e2e/auth-test-helpers';
import { installMemoryTokens } from '../e2e/auth-memory-tokens.plugin';
import { startRealm, type Realm } from './kdc-realm';

/**
 * The `kerberos` method against a real MIT KDC: the client gets a service
 * ticket for HTTP/keystone.test, keystone-ts verifies the SPNEGO token with
 * its keytab ([kerberos] keytab), REMOTE_USER becomes the principal's name,
 * and [token] bind = kerberos binds the token to it.
 */
describe('Kerberos (SPNEGO with a keytab) against a real KDC', () => {
  let realm: Realm;
  let ks: TestServer;
  let alice: string;

  beforeAll(async () => {
    realm = await startRealm(['alice', 'mallory']);
    ks = await startTestServer({
      setup: (dir) => void installMemoryTokens(dir),
      extraConfig: [
        '[auth]',
        'methods = external,password,token,kerberos',
        '[kerberos]',
        `keytab = ${realm.serviceKeytab}`,
        'service_principal = HTTP/keystone.test@KEYSTONE.TEST',
        'allowed_realms = KEYSTONE.TEST',
        '[plugins]',
        'packages = keystone-ts-memory-tokens',
        '[token]',
        'provider = memory',
        'bind = kerberos',
        'enforce_token_bind = permissive',
      ].join('\n'),
    });
    alice = (await createUser(ks, { name: 'alice', password: 'unused-pw' })).id;
  }, 120_000);
  afterAll(async () => {
    try {
      await ks?.close();
    } finally {
      realm?.stop();
    }
  });

  const kerberosLogin = (headers: Record<string, string>) =>
    injectFrom(ks, '10.9.9.9', { method: 'POST', url: '/v3/auth/tokens', headers, payload: externalAuth(['kerberos']) });

  it('issues a token bound to the Kerberos user, with mutual authentication', async () => {
    const spnego = await realm.negotiate('alice');
    const res = await kerberosLogin({ authorization: `Negotiate ${spnego.token}` });
    expect(res.statusCode).toBe(201);
    const token = res.json().token;
    expect(token.user).toMatchObject({ id: alice, name: 'alice' });
    expect(token.methods.sort()).toEqual(['external', 'kerberos']);
    expect(token.bind).toEqual({ kerberos: 'alice' });
    const mutual = /^Negotiate (\S+)$/.exec(String(res.headers['www-authenticate']));
    expect(mutual).not.toBeNull();
    await expect(spnego.verify(mutual![1])).resolves.toBe(true);
  });

  it('asks for Negotiate when no ticket was sent', async () => {
    const res = await kerberosLogin({});
    expect(res.statusCode).toBe(401);
    const challenge = ([] as string[]).concat(res.headers['www-authenticate'] as string | string[]);
    expect(challenge).toContain('Negotiate');
    expect(challenge.some((v) => v.startsWith('Keystone uri='))).toBe(true);
  });

  it('refuses a replayed, a forged and an unknown user\'s token', async () => {
    const spnego = await realm.negotiate('alice');
    expect((await kerberosLogin({ authorization: `Negotiate ${spnego.token}` })).statusCode).toBe(201);
    expect((await kerberosLogin({ authorization: `Negotiate ${spnego.token}` })).statusCode).toBe(401);
    expect((await kerberosLogin({ authorization: `Negotiate ${Buffer.from('not a token').toString('base64')}` })).statusCode).toBe(401);
    const mallory = await realm.negotiate('mallory');
    expect((await kerberosLogin({ authorization: `Negotiate ${mallory.token}` })).statusCode).toBe(401);
  });

  it('never takes REMOTE_USER from headers when no proxy is trusted', async () => {
    expect((await kerberosLogin({ 'x-remote-user': 'alice', 'x-remote-auth-type': 'Negotiate' })).statusCode).toBe(401);
  });

  it('lets the bound token be used only with a Kerberos ticket for the same user', async () => {
    const login = await kerberosLogin({ authorization: `Negotiate ${(await realm.negotiate('alice')).token}` });
    const token = login.headers['x-subject-token'] as string;
    const use = async (extra: Record<string, string>) =>
      (await injectFrom(ks, '10.9.9.9', { method: 'GET', url: '/v3/auth/tokens', headers: { 'x-auth-token': token, 'x-subject-token': token, ...extra } })).statusCode;
    expect(await use({})).toBe(401);
    expect(await use({ authorization: `Negotiate ${(await realm.negotiate('alice')).token}` })).toBe(200);
    expect(await use({ authorization: `Negotiate ${(await realm.negotiate('mallory')).token}` })).toBe(401);
  });
});
