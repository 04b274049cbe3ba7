import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, renderMetrics } from '@keystone-ts/core';
import { TokenManager } from '@keystone-ts/token';
import { startTestServer, type TestServer } from '../support/e2e-server';

describe('GET /healthcheck', () => {
  let ks: TestServer;
  let dir: string;
  let flag: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ks-health-'));
    flag = join(dir, 'maintenance');
    ks = await startTestServer({ extraConfig: `[healthcheck]\ndisable_by_file_path = ${flag}\n[cache]\nenabled = true\nbackend = oslo_cache.dict\n` });
  });
  afterAll(async () => {
    await ks?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const json = { accept: 'application/json' };

  it('answers a plain OK to anyone, without a token', async () => {
    const r = await ks.request({ method: 'GET', url: '/healthcheck', headers: json });
    expect([r.statusCode, r.body, r.headers['content-type']]).toEqual([200, 'OK', 'text/plain; charset=UTF-8']);
  });

  it('gives the checks in detail to an admin asking for JSON', async () => {
    const r = await ks.request({ method: 'GET', url: '/healthcheck', headers: { ...json, 'x-auth-token': ks.adminToken } });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ detailed: true, healthy: true, pid: process.pid });
    const byClass = Object.fromEntries(body.reasons.map((x: { class: string }) => [x.class, x]));
    expect(byClass.database).toMatchObject({ reason: 'OK', details: { engine: expect.any(String), latency_ms: expect.any(Number) } });
    expect(byClass.cache).toMatchObject({ reason: 'OK', details: { backend: 'oslo_cache.dict', state: 'closed' } });
  });

  it('keeps the details from a member, and from a bad token', async () => {
    const post = async (url: string, payload: unknown) => (await ks.request({ method: 'POST', url, headers: { 'x-auth-token': ks.adminToken }, payload })).json();
    const { project } = await post('/v3/projects', { project: { name: 'health-p', domain_id: 'default' } });
    const { user } = await post('/v3/users', { user: { name: 'health-u', domain_id: 'default', password: 'Secret-123' } });
    const member = (await ks.request({ method: 'GET', url: '/v3/roles?name=member', headers: { 'x-auth-token': ks.adminToken } })).json().roles[0];
    await ks.request({ method: 'PUT', url: `/v3/projects/${project.id}/users/${user.id}/roles/${member.id}`, headers: { 'x-auth-token': ks.adminToken } });
    const memberToken = await ks.token('health-u', 'Secret-123', 'health-p');
    for (const token of [memberToken, 'not-a-token']) {
      const r = await ks.request({ method: 'GET', url: '/healthcheck', headers: { ...json, 'x-auth-token': token } });
      expect([r.statusCode, r.body]).toEqual([200, 'OK']);
    }
  });

  it('answers 503 DISABLED BY FILE while the file exists', async () => {
    writeFileSync(flag, '');
    try {
      const r = await ks.request({ method: 'GET', url: '/healthcheck' });
      expect([r.statusCode, r.body]).toEqual([503, 'DISABLED BY FILE']);
    } finally {
      rmSync(flag);
    }
    expect((await ks.request({ method: 'GET', url: '/healthcheck' })).statusCode).toBe(200);
  });

  it('counts cache hits and misses per region in the metrics', async () => {
    const tokens = ks.app.get(TokenManager);
    const t = await ks.token('admin', ks.adminPassword, 'admin');
    await tokens.validate(t);
    await tokens.validate(t);
    const text = await renderMetrics();
    expect(text).toMatch(/^keystone_cache_lookups_total\{region="token",result="hit"\} [1-9]/m);
    expect(text).toMatch(/^keystone_cache_lookups_total\{region="token",result="miss"\} [1-9]/m);
  });

  it('answers 503 naming the database when it cannot be reached (last: it closes the database)', async () => {
    await ks.app.get(Database).close();
    const r = await ks.request({ method: 'GET', url: '/healthcheck' });
    expect([r.statusCode, r.body]).toEqual([503, 'database unreachable']);
  });
});
