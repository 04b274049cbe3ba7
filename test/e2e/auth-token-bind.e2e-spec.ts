import { startTestServer, type TestServer } from '../support/e2e-server';
import { expectStartRefused, externalAuth, injectFrom } from './auth-test-helpers';
import { installMemoryTokens, memoryTokens } from './auth-memory-tokens.plugin';

const PEER = '10.1.2.3';
const KERBEROS_ALICE = { 'x-remote-user': 'alice', 'x-remote-auth-type': 'Negotiate' };
const KERBEROS_BOB = { 'x-remote-user': 'bob', 'x-remote-auth-type': 'Negotiate' };
const KERBEROS_ADMIN = { 'x-remote-user': 'admin', 'x-remote-auth-type': 'Negotiate' };

type Use = 'plain' | 'kerberos-alice' | 'kerberos-bob';
type Token = 'bound' | 'unbound' | 'unknown-type';

/**
 * [token] bind + enforce_token_bind, every mode both ways. Bound tokens need
 * a provider that stores them (Fernet cannot carry bind), so these servers
 * use a memory provider installed as a plugin. Kerberos identities come from
 * a trusted proxy's headers.
 */
async function bindServer(mode: string): Promise<TestServer> {
  return startTestServer({
    setup: (dir) => void installMemoryTokens(dir),
    extraConfig: [
      '[plugins]',
      'packages = keystone-ts-memory-tokens',
      '[token]',
      'provider = memory',
      'bind = kerberos',
      `enforce_token_bind = ${mode}`,
      '[auth]',
      'methods = external,password,token,kerberos',
      `trusted_proxies = ${PEER}`,
    ].join('\n'),
  });
}

/** What each mode answers (200 or 401) for each kind of token used each way. */
const EXPECTED: Record<string, Record<Token, Record<Use, number>>> = {
  disabled: {
    bound: { plain: 200, 'kerberos-alice': 200, 'kerberos-bob': 200 },
    unbound: { plain: 200, 'kerberos-alice': 200, 'kerberos-bob': 200 },
    'unknown-type': { plain: 200, 'kerberos-alice': 200, 'kerberos-bob': 200 },
  },
  permissive: {
    bound: { plain: 401, 'kerberos-alice': 200, 'kerberos-bob': 401 },
    unbound: { plain: 200, 'kerberos-alice': 200, 'kerberos-bob': 200 },
    'unknown-type': { plain: 200, 'kerberos-alice': 200, 'kerberos-bob': 200 },
  },
  strict: {
    bound: { plain: 401, 'kerberos-alice': 200, 'kerberos-bob': 401 },
    unbound: { plain: 200, 'kerberos-alice': 200, 'kerberos-bob': 200 },
    'unknown-type': { plain: 401, 'kerberos-alice': 401, 'kerberos-bob': 401 },
  },
  required: {
    bound: { plain: 401, 'kerberos-alice': 200, 'kerberos-bob': 401 },
    unbound: { plain: 401, 'kerberos-alice': 401, 'kerberos-bob': 401 },
    'unknown-type': { plain: 401, 'kerberos-alice': 401, 'kerberos-bob': 401 },
  },
  kerberos: {
    bound: { plain: 401, 'kerberos-alice': 200, 'kerberos-bob': 401 },
    unbound: { plain: 401, 'kerberos-alice': 401, 'kerberos-bob': 401 },
    'unknown-type': { plain: 401, 'kerberos-alice': 401, 'kerberos-bob': 401 },
  },
};

describe.each(Object.keys(EXPECTED))('enforce_token_bind = %s', (mode) => {
  let ks: TestServer;
  const tokens: Partial<Record<Token, string>> = {};
  beforeAll(async () => {
    ks = await bindServer(mode);
    // Under required/<type> even the administrator needs a bound token, used over Kerberos.
    const admin = await injectFrom(ks, PEER, {
      method: 'POST',
      url: '/v3/auth/tokens',
      headers: KERBEROS_ADMIN,
      payload: { auth: { ...externalAuth(['kerberos']).auth, scope: { project: { name: 'admin', domain: { id: 'default' } } } } },
    });
    expect(admin.statusCode).toBe(201);
    const adminHeaders = { ...KERBEROS_ADMIN, 'x-auth-token': admin.headers['x-subject-token'] as string };
    for (const name of ['alice', 'bob']) {
      const created = await injectFrom(ks, PEER, { method: 'POST', url: '/v3/users', headers: adminHeaders, payload: { user: { name, password: `${name}-pw` } } });
      expect(created.statusCode).toBe(201);
    }
    const kerberos = await injectFrom(ks, PEER, { method: 'POST', url: '/v3/auth/tokens', headers: KERBEROS_ALICE, payload: externalAuth(['kerberos']) });
    expect(kerberos.statusCode).toBe(201);
    expect(kerberos.json().token.bind).toEqual({ kerberos: 'alice' });
    tokens.bound = kerberos.headers['x-subject-token'] as string;
    tokens.unbound = await ks.token('alice', 'alice-pw');
    tokens['unknown-type'] = await ks.token('alice', 'alice-pw');
    memoryTokens.get(tokens['unknown-type'])!.bind = { 'made-up': 'x' };
  });
  afterAll(async () => ks?.close());

  const headersFor: Record<Use, Record<string, string>> = { plain: {}, 'kerberos-alice': KERBEROS_ALICE, 'kerberos-bob': KERBEROS_BOB };

  it.each(['bound', 'unbound', 'unknown-type'] as Token[])('a %s token as X-Auth-Token', async (kind) => {
    for (const use of Object.keys(headersFor) as Use[]) {
      const token = tokens[kind]!;
      const res = await injectFrom(ks, PEER, { method: 'GET', url: '/v3/auth/tokens', headers: { ...headersFor[use], 'x-auth-token': token, 'x-subject-token': token } });
      expect({ use, status: res.statusCode }).toEqual({ use, status: EXPECTED[mode][kind][use] });
    }
  });

  it('applies the same rule to the token auth method', async () => {
    const rescope = (use: Use) =>
      injectFrom(ks, PEER, {
        method: 'POST',
        url: '/v3/auth/tokens',
        headers: headersFor[use],
        payload: { auth: { identity: { methods: ['token'], token: { id: tokens.bound } } } },
      });
    expect((await rescope('plain')).statusCode).toBe(EXPECTED[mode].bound.plain === 200 ? 201 : 401);
    const ok = await rescope('kerberos-alice');
    expect(ok.statusCode).toBe(201);
    // REMOTE_USER ran external too, so the new token is bound again.
    expect(ok.json().token.bind).toEqual({ kerberos: 'alice' });
  });
});

describe('token bind with Fernet (no field for bind)', () => {
  const boot = (lines: string[]) => startTestServer({ extraConfig: ['[token]', ...lines].join('\n') });

  it('refuses to start when tokens would silently be unbound or always refused', async () => {
    await expectStartRefused('[token]\nbind = kerberos', /\[token\] bind = kerberos: the 'fernet' token provider cannot carry bind information/);
    await expectStartRefused('[token]\nenforce_token_bind = required', /enforce_token_bind = required: 'fernet' tokens are never bound/);
    await expectStartRefused('[token]\nenforce_token_bind = kerberos', /enforce_token_bind = kerberos/);
  });

  it('starts with strict (no Fernet token is bound, so strict passes them all)', async () => {
    const ks = await boot(['enforce_token_bind = strict']);
    try {
      const res = await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { 'x-auth-token': ks.adminToken, 'x-subject-token': ks.adminToken } });
      expect(res.statusCode).toBe(200);
      expect(res.json().token).not.toHaveProperty('bind');
    } finally {
      await ks.close();
    }
  });
});
