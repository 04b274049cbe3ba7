import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer, type TestServer } from '../support/e2e-server';
import { createUser, externalAuth, injectFrom } from './auth-test-helpers';

const PROXY = { 'x-remote-user': 'alice' };

/**
 * `external` and `kerberos` with REMOTE_USER from a trusted front proxy:
 * the headers count only when the TCP peer is in [auth] trusted_proxies.
 */
describe('external authentication from a trusted proxy', () => {
  let ks: TestServer;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    ks = await startTestServer({
      extraConfig: [
        '[auth]',
        'methods = external,password,token,kerberos',
        'external = Domain',
        'trusted_proxies = 10.1.2.3, 192.168.0.0/16, 127.0.0.1',
      ].join('\n'),
    });
    alice = (await createUser(ks, { name: 'alice', password: 'alice-pw' })).id;
    bob = (await createUser(ks, { name: 'bob', password: 'bob-pw' })).id;
    const dom = await ks.request({ method: 'POST', url: '/v3/domains', headers: { 'x-auth-token': ks.adminToken }, payload: { domain: { name: 'elsewhere' } } });
    await createUser(ks, { name: 'alice', domain_id: dom.json().domain.id, password: 'x-pw' });
  });
  afterAll(async () => ks?.close());

  const login = (peer: string, headers: Record<string, string>, methods?: string[]) =>
    injectFrom(ks, peer, { method: 'POST', url: '/v3/auth/tokens', headers, payload: externalAuth(methods) });

  it('believes REMOTE_USER from a listed proxy address or range', async () => {
    for (const peer of ['10.1.2.3', '192.168.7.9', '::ffff:10.1.2.3']) {
      const res = await login(peer, PROXY);
      expect(res.statusCode).toBe(201);
      expect(res.json().token.user).toMatchObject({ id: alice, name: 'alice' });
      expect(res.json().token.methods).toEqual(['external']);
    }
  });

  it('ignores the same headers from any other peer, X-Forwarded-For included', async () => {
    for (const headers of [PROXY, { ...PROXY, 'x-forwarded-for': '10.1.2.3' }]) {
      const res = await login('10.9.9.9', headers);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toBe('The request you have made requires authentication.');
    }
    expect((await login('10.1.2.3', {})).statusCode).toBe(401);
  });

  it('looks the user up in REMOTE_DOMAIN with the Domain method', async () => {
    const res = await login('10.1.2.3', { ...PROXY, 'x-remote-domain': 'elsewhere' });
    expect(res.statusCode).toBe(201);
    expect(res.json().token.user.domain.name).toBe('elsewhere');
    expect((await login('10.1.2.3', { ...PROXY, 'x-remote-domain': 'nowhere' })).statusCode).toBe(401);
  });

  it('accepts the kerberos method only with AUTH_TYPE Negotiate', async () => {
    const ok = await login('10.1.2.3', { ...PROXY, 'x-remote-auth-type': 'Negotiate' }, ['kerberos']);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().token.methods.sort()).toEqual(['external', 'kerberos']);
    expect((await login('10.1.2.3', PROXY, ['kerberos'])).statusCode).toBe(401);
    expect((await login('10.9.9.9', { ...PROXY, 'x-remote-auth-type': 'Negotiate' }, ['kerberos'])).statusCode).toBe(401);
  });

  it('runs external first when REMOTE_USER is set, and the methods must agree on the user', async () => {
    const password = (user: string, pw: string) => ({ auth: { identity: { methods: ['password'], password: { user: { name: user, domain: { id: 'default' }, password: pw } } } } });
    const same = await injectFrom(ks, '10.1.2.3', { method: 'POST', url: '/v3/auth/tokens', headers: PROXY, payload: password('alice', 'alice-pw') });
    expect(same.statusCode).toBe(201);
    expect(same.json().token.methods.sort()).toEqual(['external', 'password']);
    const other = await injectFrom(ks, '10.1.2.3', { method: 'POST', url: '/v3/auth/tokens', headers: PROXY, payload: password('bob', 'bob-pw') });
    expect(other.statusCode).toBe(401);
    // From an untrusted peer the header is ignored and bob's own password works.
    const untrusted = await injectFrom(ks, '10.9.9.9', { method: 'POST', url: '/v3/auth/tokens', headers: PROXY, payload: password('bob', 'bob-pw') });
    expect(untrusted.statusCode).toBe(201);
    expect(untrusted.json().token.user.id).toBe(bob);
  });

  it('takes the peer address from a real TCP connection', async () => {
    await ks.app.listen(0, '127.0.0.1');
    const port = (ks.app.getHttpServer().address() as AddressInfo).port;
    const body = JSON.stringify(externalAuth());
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/v3/auth/tokens', headers: { ...PROXY, 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(201);
  });
});
