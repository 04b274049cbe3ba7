import { startTestServer, type TestServer } from '../support/e2e-server';

describe('/v3/policies', () => {
  let ks: TestServer;
  let auth: Record<string, string>;
  beforeAll(async () => {
    ks = await startTestServer();
    auth = { 'x-auth-token': ks.adminToken };
  });
  afterAll(async () => ks?.close());

  it('stores, lists, updates and deletes policy blobs', async () => {
    const created = await ks.request({ method: 'POST', url: '/v3/policies', headers: auth, payload: { policy: { blob: '{"a": "b"}', type: 'application/json', team: 'x' } } });
    expect(created.statusCode).toBe(201);
    const p = created.json().policy;
    expect(p).toMatchObject({ blob: '{"a": "b"}', type: 'application/json', team: 'x' });
    const listed = await ks.request({ method: 'GET', url: '/v3/policies?type=application/json', headers: auth });
    expect(listed.json().policies.map((x: { id: string }) => x.id)).toEqual([p.id]);
    const patched = await ks.request({ method: 'PATCH', url: `/v3/policies/${p.id}`, headers: auth, payload: { policy: { type: 'text/plain' } } });
    expect(patched.json().policy).toMatchObject({ id: p.id, type: 'text/plain', blob: '{"a": "b"}' });
    expect((await ks.request({ method: 'DELETE', url: `/v3/policies/${p.id}`, headers: auth })).statusCode).toBe(204);
    expect((await ks.request({ method: 'GET', url: `/v3/policies/${p.id}`, headers: auth })).statusCode).toBe(404);
  });

  it('refuses a policy without blob or type', async () => {
    for (const policy of [{}, { blob: 'x' }, { type: 'x' }, { blob: 1, type: 'x' }]) {
      expect((await ks.request({ method: 'POST', url: '/v3/policies', headers: auth, payload: { policy } })).statusCode).toBe(400);
    }
  });
});
