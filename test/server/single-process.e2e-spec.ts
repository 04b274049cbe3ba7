import { ADMIN_PASSWORD, prepareKeystoneDir, startKeystone, waitFor, type KeystoneDir, type KeystoneProcess } from './support/keystone-process';
import { issueToken, open, passwordAuth, send } from './support/fresh-connection.client';

/**
 * `public_workers = 1`: no cluster. SIGHUP rebuilds the application in place
 * behind the same sockets; SIGTERM drains like a worker does.
 */
const SINGLE = ['[DEFAULT]', 'debug = true', '[eventlet_server]', 'public_workers = 1', 'graceful_shutdown_timeout = 20'].join('\n');

describe('keystone-all as a single process', () => {
  let ks: KeystoneDir;
  let server: KeystoneProcess;
  let base: string;
  let adminToken: string;

  beforeAll(async () => {
    ks = await prepareKeystoneDir();
    base = `http://127.0.0.1:${ks.publicPort}`;
    server = startKeystone(ks.writeConfig(SINGLE));
    await server.waitForLine(/listening on .*\(single process\)/, 60_000);
    adminToken = await issueToken(base, 'admin', ADMIN_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await server?.kill();
    await ks?.cleanup();
  });

  it('answers from the one process, forks nothing', async () => {
    const r = await send(`${base}/v3`);
    expect(r.worker).toBe(server.child.pid);
  });

  it('reloads a changed config on SIGHUP in place, refusing no connection', async () => {
    const roles = async () => (await send(`${base}/v3/roles`, { headers: { 'x-auth-token': adminToken } })).json();
    expect((await roles()).roles.length).toBeGreaterThan(2);
    const failures: string[] = [];
    let hammering = true;
    const hammer = (async () => {
      while (hammering) {
        await send(`${base}/v3`).then(
          (r) => r.status !== 200 && failures.push(`status ${r.status}`),
          (e: Error) => failures.push(e.message),
        );
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    ks.writeConfig(`${SINGLE}\n[DEFAULT]\nlist_limit = 2`);
    process.kill(server.child.pid!, 'SIGHUP');
    await server.waitForLine(/SIGHUP: configuration reloaded/, 30_000);
    const limited = await waitFor('the new list_limit', async () => {
      const body = await roles();
      return body.truncated ? body : undefined;
    }, 10_000);
    hammering = false;
    await hammer;
    expect(failures).toEqual([]);
    expect(limited.roles).toHaveLength(2);
    expect((await send(`${base}/v3`)).worker).toBe(server.child.pid);
  }, 60_000);

  it('keeps serving the previous config when SIGHUP finds a broken one', async () => {
    ks.writeConfig(`${SINGLE}\n[token]\nexpiration = soon`);
    process.kill(server.child.pid!, 'SIGHUP');
    expect(await server.waitForLine(/configuration not reloaded/, 10_000)).toMatch(/\[token\] expiration/);
    expect((await send(`${base}/v3/roles`, { headers: { 'x-auth-token': adminToken } })).json().roles).toHaveLength(2);
  }, 30_000);

  it('drains an in-flight request on SIGTERM, then exits 0', async () => {
    const body = JSON.stringify(passwordAuth('admin', ADMIN_PASSWORD, 'admin'));
    const slow = open(`${base}/v3/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', expect: '100-continue' }, timeoutMs: 30_000 });
    slow.req.write(body.slice(0, 20));
    // The server answers 100 Continue once the request reached the application.
    await new Promise((r) => slow.req.once('continue', r));
    process.kill(server.child.pid!, 'SIGTERM');
    await server.waitForLine(/SIGTERM: stopped accepting; draining 1 request\(s\) in flight/, 10_000);
    // Closed before that line was logged: new connections are refused while the request finishes.
    await expect(send(`${base}/v3`, { timeoutMs: 2000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    slow.req.end(body.slice(20));
    expect((await slow.reply).status).toBe(201);
    expect(await server.exited).toEqual({ code: 0, signal: null });
  }, 40_000);
});
