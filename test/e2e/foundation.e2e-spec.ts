import { startTestServer, type TestServer } from '../support/e2e-server';

describe('server edge', () => {
  let ks: TestServer;
  beforeAll(async () => {
    ks = await startTestServer();
  });
  afterAll(async () => ks?.close());

  it('serves the version documents', async () => {
    const root = await ks.request({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(300);
    expect(root.json().versions.values[0].id).toBe('v3.14');
    const v3 = await ks.request({ method: 'GET', url: '/v3' });
    expect(v3.statusCode).toBe(200);
    expect(v3.json().version.links[0].href).toMatch(/\/v3\/$/);
    expect(v3.headers['x-openstack-request-id']).toMatch(/^req-[0-9a-f-]{36}$/);
  });

  it('answers JSON-Home when asked', async () => {
    const res = await ks.request({ method: 'GET', url: '/v3', headers: { accept: 'application/json-home' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json-home');
    expect(res.json()).toHaveProperty('resources');
  });

  it('renders Keystone errors for unknown routes, wrong methods, bad JSON and big bodies', async () => {
    const notFound = await ks.request({ method: 'GET', url: '/v3/no-such-thing' });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.json()).toEqual({ error: { code: 404, message: 'The resource could not be found.', title: 'Not Found' } });

    const wrongMethod = await ks.request({ method: 'PATCH', url: '/v3/auth/tokens', headers: { 'x-auth-token': ks.adminToken } });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.json().error.code).toBe(405);

    const badJson = await ks.request({ method: 'POST', url: '/v3/users', headers: { 'x-auth-token': ks.adminToken, 'content-type': 'application/json' }, payload: '{"user": ' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.title).toBe('Bad Request');

    const big = await ks.request({ method: 'POST', url: '/v3/users', headers: { 'x-auth-token': ks.adminToken }, payload: { user: { name: 'x'.repeat(200_000) } } });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe(413);
  });

  it('answers 401 with WWW-Authenticate when no token is given', async () => {
    const res = await ks.request({ method: 'GET', url: '/v3/users' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Keystone uri="/);
    expect(res.json().error.title).toBe('Unauthorized');
  });
});

describe('NUL characters', () => {
  let ks: TestServer;
  beforeAll(async () => {
    ks = await startTestServer();
  });
  afterAll(async () => ks?.close());

  it('are refused at the edge in paths, queries and bodies', async () => {
    const auth = { 'x-auth-token': ks.adminToken };
    expect((await ks.request({ method: 'GET', url: '/v3/users/%00', headers: auth })).statusCode).toBe(404);
    expect((await ks.request({ method: 'GET', url: '/v3/users?name=a%00b', headers: auth })).statusCode).toBe(400);
    const body = await ks.request({ method: 'POST', url: '/v3/users', headers: auth, payload: '{"user": {"name": "a\\u0000b"}}' });
    expect(body.statusCode).toBe(400);
    expect(body.json().error.code).toBe(400);
  });
});
