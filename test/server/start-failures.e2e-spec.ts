import { createServer } from 'node:net';
import { prepareKeystoneDir, runManage, startKeystone, type KeystoneDir } from './support/keystone-process';

/**
 * Start failures are one line and exit 1. The seed's warning made a
 * start-time refusal: a process-local store with several workers fails the
 * start, in the primary, before any worker forks. A worker that cannot
 * start (its port is taken) fails the start too, with its reason.
 */
describe('keystone-all start failures', () => {
  let ks: KeystoneDir;

  beforeAll(async () => {
    ks = await prepareKeystoneDir({ bootstrap: false });
  });
  afterAll(async () => {
    await ks?.cleanup();
  });

  async function failedStart(extra: string, opts: { forks?: boolean } = {}): Promise<string[]> {
    // info level: a forked worker would log; none may appear.
    const server = startKeystone(ks.writeConfig(extra), 'info');
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([server.exited, new Promise((r) => (timer = setTimeout(() => r('still running'), 30_000)))]);
    clearTimeout(timer);
    await server.kill();
    expect(exit).toEqual({ code: 1, signal: null });
    // Unknown-option warnings (the [cache] group may not be registered) are JSON log lines; the refusal is the one plain line.
    const plain = server.lines.filter((l) => l.trim() && !l.startsWith('{'));
    if (!opts.forks) expect(server.lines.some((l) => /worker|listening/.test(l) && !/public_workers/.test(l))).toBe(false);
    return plain;
  }

  it('refuses [cache] backend = dogpile.cache.memory with 2 workers', async () => {
    const lines = await failedStart('[eventlet_server]\npublic_workers = 2\n[cache]\nenabled = true\nbackend = dogpile.cache.memory');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^keystone-all: \/.*keystone\.conf:\d+: \[cache\] backend = dogpile\.cache\.memory is process-local and cannot be shared by 2 workers/);
    expect(lines[0]).toMatch(/or set \[eventlet_server\] public_workers = 1$/);
  }, 40_000);

  it('refuses [token] driver = keystone.token.persistence.backends.kvs.Token with 2 workers', async () => {
    const lines = await failedStart('[eventlet_server]\npublic_workers = 2\n[token]\ndriver = keystone.token.persistence.backends.kvs.Token');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/\[token\] driver = keystone\.token\.persistence\.backends\.kvs\.Token keeps tokens in one process's memory and cannot be shared by 2 workers/);
  }, 40_000);

  it('fails a bad value with one line before forking', async () => {
    const lines = await failedStart('[eventlet_server]\npublic_workers = 0');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^keystone-all: .*\[eventlet_server\] public_workers/);
  }, 40_000);

  // Runs before the next test creates the fernet keys.
  it('fails when a worker cannot boot, with the worker\'s reason on one line', async () => {
    const lines = await failedStart('[eventlet_server]\npublic_workers = 2', { forks: true });
    expect(lines).toEqual([`keystone-all: ${ks.dir}/fernet-keys does not exist`]);
  }, 40_000);

  it('fails when a worker cannot listen (port taken), naming the options', async () => {
    runManage(ks.writeConfig(), 'fernet_setup');
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(ks.adminPort, '127.0.0.1', r));
    try {
      const lines = await failedStart('[eventlet_server]\npublic_workers = 2', { forks: true });
      expect(lines).toEqual([`keystone-all: cannot listen on 127.0.0.1:${ks.adminPort} ([eventlet_server] admin_bind_host/admin_port): EADDRINUSE`]);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  }, 40_000);
});
