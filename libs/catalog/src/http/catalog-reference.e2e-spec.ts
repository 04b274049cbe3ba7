import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../../../test/support/e2e-server';
import { catalogScenario, normalize, type Call } from '../../test/reference-scenario';

const SCRIPTS = join(__dirname, '..', '..', '..', '..', 'scripts', 'reference-keystone');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The same ~90 catalog, OS-EP-FILTER and OS-ENDPOINT-POLICY requests against
 * a fresh Keystone 22 (uWSGI, scripts/reference-keystone) and keystone-ts:
 * statuses and bodies must be equal once ids and base URLs are normalised.
 * Needs Debian's keystone and uwsgi; fails rather than skips without them.
 */
describe('catalog APIs: keystone-ts answers as the reference Keystone 22 does', () => {
  let ks: TestServer;
  let refDir: string;
  let ref: string;

  beforeAll(async () => {
    for (const bin of ['/usr/bin/keystone-manage', '/usr/bin/uwsgi']) {
      if (!existsSync(bin)) throw new Error(`${bin} is needed: install the reference with scripts/reference-keystone/install.sh`);
    }
    refDir = mkdtempSync(join(tmpdir(), 'keystone-ref-catalog-'));
    const port = await freePort();
    ref = `http://127.0.0.1:${port}`;
    execFileSync('bash', [join(SCRIPTS, 'up.sh'), String(port), refDir, 'sqlite'], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 170_000 });
    ks = await startTestServer();
  }, 180_000);

  afterAll(async () => {
    await ks?.close();
    if (refDir) {
      execFileSync('bash', [join(SCRIPTS, 'down.sh'), refDir], { stdio: 'ignore' });
      rmSync(refDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('gives the same transcript', async () => {
    const issued = await fetch(`${ref}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { name: 'admin', domain: { id: 'default' }, password: 'admin-secret' } } },
          scope: { project: { name: 'admin', domain: { id: 'default' } } },
        },
      }),
    });
    const refToken = issued.headers.get('x-subject-token')!;
    const refProject = ((await issued.json()) as { token: { project: { id: string } } }).token.project.id;
    const refCall: Call = async (method, url, body) => {
      const r = await fetch(`${ref}${url}`, { method, headers: { 'x-auth-token': refToken, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    };
    const refPolicy = async (blob: string) => (await refCall('POST', '/v3/policies', { policy: { type: 'application/json', blob } })).body.policy.id as string;

    const ourProject = (await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { 'x-auth-token': ks.adminToken, 'x-subject-token': ks.adminToken } })).json().token.project.id;
    const ourCall: Call = async (method, url, body) => {
      const r = await ks.request({ method: method as 'GET', url, headers: { 'x-auth-token': ks.adminToken }, payload: body });
      return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
    };
    let made = 0;
    const ourPolicy = async (blob: string) => {
      const id = `${++made}`.padStart(32, 'f');
      const knex = (ks.runtime.services.database as unknown as { knex(): (t: string) => { insert(row: object): Promise<unknown> } }).knex();
      await knex('policy').insert({ id, type: 'application/json', blob: JSON.stringify(blob), extra: '{}' });
      return id;
    };

    const expected = normalize(await catalogScenario(refCall, refProject, refPolicy), ref, new Map([[refProject, 'PROJECT']]));
    const actual = normalize(await catalogScenario(ourCall, ourProject, ourPolicy), 'http://localhost:80', new Map([[ourProject, 'PROJECT']]));
    expect(actual).toEqual(expected);
  }, 60_000);
});
