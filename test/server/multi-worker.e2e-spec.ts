import { ADMIN_PASSWORD, prepareKeystoneDir, startKeystone, waitFor, type KeystoneDir, type KeystoneProcess } from './support/keystone-process';
import { issueToken, open, passwordAuth, send, type Reply } from './support/fresh-connection.client';

/**
 * keystone-all with two workers, as a process tree: requests on fresh
 * connections land on both workers (seen through `x-keystone-worker`,
 * which `[DEFAULT] debug = true` turns on), and the primary's lifecycle
 * (crash replacement, SIGHUP reload, SIGTERM drain) is observed from outside.
 */
const WORKERS = ['[DEFAULT]', 'debug = true', '[eventlet_server]', 'public_workers = 2', 'graceful_shutdown_timeout = 20'].join('\n');

describe('keystone-all with 2 workers', () => {
  let ks: KeystoneDir;
  let server: KeystoneProcess;
  let base: string;
  let adminToken: string;

  /** `n` requests, one connection each; all must be answered. */
  const spread = async (n: number, url: string, headers: Record<string, string> = {}): Promise<Reply[]> => {
    const out: Reply[] = [];
    for (let i = 0; i < n; i++) out.push(await send(url, { headers }));
    return out;
  };
  const pidsOf = (replies: Reply[]) => new Set(replies.map((r) => r.worker));

  beforeAll(async () => {
    ks = await prepareKeystoneDir();
    base = `http://127.0.0.1:${ks.publicPort}`;
    server = startKeystone(ks.writeConfig(WORKERS));
    await server.waitForLine(/listening on .* with 2 workers/, 60_000);
    adminToken = await issueToken(base, 'admin', ADMIN_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await server?.kill();
    await ks?.cleanup();
  });

  it('validates a token on every worker, and after revocation on none', async () => {
    const subject = await issueToken(base, 'admin', ADMIN_PASSWORD);
    const headers = { 'x-auth-token': adminToken, 'x-subject-token': subject };
    const before = await spread(12, `${base}/v3/auth/tokens`, headers);
    expect(before.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(pidsOf(before).size).toBe(2);

    const revoked = await send(`${base}/v3/auth/tokens`, { method: 'DELETE', headers });
    expect(revoked.status).toBe(204);
    const after = await spread(12, `${base}/v3/auth/tokens`, headers);
    expect(after.map((r) => r.status)).toEqual(Array(12).fill(404));
    expect(pidsOf(after).size).toBe(2);
  });

  it('replaces a worker killed with SIGKILL and keeps answering', async () => {
    const pids = pidsOf(await spread(6, `${base}/v3`));
    expect(pids.size).toBe(2);
    const [victim, survivor] = [...pids];
    process.kill(victim, 'SIGKILL');
    // Once the primary has seen the death it hands no connection to it any more.
    await server.waitForLine(new RegExp(`worker ${victim} exited with signal SIGKILL; starting a replacement`), 10_000);
    const during = await spread(10, `${base}/v3`);
    expect(during.map((r) => r.status)).toEqual(Array(10).fill(200));

    const replaced = await waitFor('a replacement worker', async () => {
      const seen = pidsOf(await spread(4, `${base}/v3`));
      return seen.size === 2 && seen.has(survivor) && !seen.has(victim) ? seen : undefined;
    });
    expect([...replaced].filter((p) => p !== survivor)).toHaveLength(1);
    expect(() => process.kill(victim, 0)).toThrow();
  }, 40_000);

  it('keeps the running workers when SIGHUP finds a broken config', async () => {
    const pids = pidsOf(await spread(6, `${base}/v3`));
    ks.writeConfig(`${WORKERS}\n[eventlet_server]\npublic_workers = many`);
    const mark = server.lines.length;
    process.kill(server.child.pid!, 'SIGHUP');
    const line = await server.waitForLine(/configuration not reloaded/, 10_000);
    expect(line).toMatch(/public_workers/);
    expect(server.lines.slice(mark).some((l) => /worker \d+ ready/.test(l))).toBe(false);
    expect(pidsOf(await spread(6, `${base}/v3`))).toEqual(pids);
    ks.writeConfig(WORKERS);
  }, 30_000);

  it('applies a changed config on SIGHUP without refusing a connection', async () => {
    const roles = async () => (await send(`${base}/v3/roles`, { headers: { 'x-auth-token': adminToken } })).json();
    expect((await roles()).roles.length).toBeGreaterThan(2);
    const oldPids = pidsOf(await spread(6, `${base}/v3`));

    // A client hammering fresh connections through the whole reload.
    const failures: string[] = [];
    let answered = 0;
    let hammering = true;
    const hammer = (async () => {
      while (hammering) {
        await send(`${base}/v3`).then(
          (r) => (r.status === 200 ? answered++ : failures.push(`status ${r.status}`)),
          (e: Error) => failures.push(e.message),
        );
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    ks.writeConfig(`${WORKERS}\n[DEFAULT]\nlist_limit = 2`);
    process.kill(server.child.pid!, 'SIGHUP');
    await server.waitForLine(/SIGHUP: configuration reloaded; retiring 2 previous workers/, 30_000);
    const newPids = await waitFor('only new workers answering', async () => {
      const seen = pidsOf(await spread(6, `${base}/v3`));
      return [...seen].every((p) => !oldPids.has(p)) ? seen : undefined;
    });
    hammering = false;
    await hammer;

    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(10);
    expect(newPids.size).toBe(2);
    const limited = await roles();
    expect(limited.roles).toHaveLength(2);
    expect(limited.truncated).toBe(true);
  }, 60_000);

  it('drains an in-flight request on SIGTERM, then exits 0', async () => {
    // A token request whose body arrives slowly (chunked), so it is in flight when SIGTERM comes.
    const body = JSON.stringify(passwordAuth('admin', ADMIN_PASSWORD, 'admin'));
    const slow = open(`${base}/v3/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', expect: '100-continue' }, timeoutMs: 30_000 });
    slow.req.write(body.slice(0, 20));
    // The worker answers 100 Continue once the request reached the application.
    await new Promise((r) => slow.req.once('continue', r));

    process.kill(server.child.pid!, 'SIGTERM');
    await server.waitForLine(/draining 1 request\(s\) in flight/, 10_000);
    // The listening sockets are closed: new connections are refused while the request finishes.
    const refused = await waitFor('the port to close', () =>
      send(`${base}/v3`, { timeoutMs: 2000 }).then(
        () => undefined,
        (e: NodeJS.ErrnoException) => (e.code === 'ECONNREFUSED' ? e.code : undefined),
      ),
    10_000);
    expect(refused).toBe('ECONNREFUSED');
    expect(server.child.exitCode).toBeNull();

    slow.req.end(body.slice(20));
    const reply = await slow.reply;
    expect(reply.status).toBe(201);
    expect(reply.headers['x-subject-token']).toBeTruthy();
    expect(await server.exited).toEqual({ code: 0, signal: null });
  }, 40_000);
});
