import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_PASSWORD, freePort, prepareKeystoneDir, startKeystone, waitFor, type KeystoneDir, type KeystoneProcess } from './support/keystone-process';
import { issueToken, send } from './support/fresh-connection.client';

/** Sums a counter's samples whose labels include every given label. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const [, body, value] = /^[^{]+\{([^}]*)\} (\S+)$/.exec(line) ?? [];
    if (body === undefined) continue;
    if (Object.entries(labels).every(([k, v]) => body.includes(`${k}="${v}"`))) total += Number(value);
  }
  return total;
}

describe.each([
  ['a single process', 1],
  ['two cluster workers (the primary sums them)', 2],
] as const)('metrics and request logs from %s', (_label, workers) => {
  let ks: KeystoneDir;
  let server: KeystoneProcess;
  let base: string;
  let metricsUrl: string;
  let logFile: string;

  beforeAll(async () => {
    ks = await prepareKeystoneDir();
    base = `http://127.0.0.1:${ks.publicPort}`;
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    logFile = join(ks.dir, 'keystone-all.log');
    server = startKeystone(
      ks.writeConfig(
        [
          '[DEFAULT]', `log_file = ${logFile}`,
          '[eventlet_server]', `public_workers = ${workers}`,
          '[metrics]', 'enabled = true', `port = ${metricsPort}`,
        ].join('\n'),
      ),
    );
    await waitFor('keystone-all', async () => ((await send(`${base}/v3`).catch(() => null))?.status === 200 ? true : undefined), 90_000, 200);
  }, 120_000);

  afterAll(async () => {
    await server?.kill();
    await ks?.cleanup();
  });

  it('counts requests by route template, and token issues and validations, across all workers', async () => {
    const token = await issueToken(base, 'admin', ADMIN_PASSWORD);
    for (let i = 0; i < 6; i++) {
      const r = await send(`${base}/v3/auth/tokens`, { headers: { 'x-auth-token': token, 'x-subject-token': token } });
      expect(r.status).toBe(200);
    }
    expect((await send(`${base}/v3/users/nope`, { headers: { 'x-auth-token': token } })).status).toBe(404);
    const text = await waitFor('the counts', async () => {
      const m = await send(metricsUrl);
      expect(m.status).toBe(200);
      const body = m.body;
      return sample(body, 'keystone_http_requests_total', { method: 'GET', route: '/v3/auth/tokens', status: '200' }) >= 6 ? body : undefined;
    });
    expect(sample(text, 'keystone_http_requests_total', { method: 'POST', route: '/v3/auth/tokens', status: '201' })).toBeGreaterThanOrEqual(1);
    // The id is not a label: the route template is.
    expect(sample(text, 'keystone_http_requests_total', { route: '/v3/users/:user_id', status: '404' })).toBe(1);
    expect(text).not.toContain('/v3/users/nope');
    expect(sample(text, 'keystone_tokens_total', { operation: 'issue', outcome: 'success' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'keystone_tokens_total', { operation: 'validate', outcome: 'success' })).toBeGreaterThanOrEqual(6);
    expect(sample(text, 'keystone_http_request_duration_seconds_count', { method: 'GET', route: '/v3/auth/tokens' })).toBeGreaterThanOrEqual(6);
    expect(text).toMatch(/^process_resident_memory_bytes /m);
  });

  it('serves nothing but the metrics path on the metrics port', async () => {
    expect((await send(metricsUrl.replace('/metrics', '/v3'))).status).toBe(404);
  });

  it('writes one JSON access-log line per request to [DEFAULT] log_file, with the request id', async () => {
    const r = await send(`${base}/v3`);
    const id = r.headers['x-openstack-request-id'];
    expect(id).toMatch(/^req-/);
    const line = await waitFor('the access log line', async () =>
      readFileSync(logFile, 'utf8').split('\n').find((l) => l.includes(String(id))),
    );
    expect(JSON.parse(line)).toMatchObject({ name: 'keystone.access', msg: 'request', request_id: id, method: 'GET', path: '/v3', route: '/v3', status: 200 });
  });
});
