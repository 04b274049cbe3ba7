import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPTS = resolve(__dirname, '../../../../../scripts/services');

/**
 * A private memcached or Redis for a test, on a free loopback port, through
 * scripts/services/<kind>.sh. Fails loudly when it cannot start: a cache
 * test that silently ran without its server would prove nothing.
 * Everything is async so a test can kill or pause the server while its
 * requests keep running on the event loop.
 */
export class CacheServer {
  private paused = false;

  private constructor(
    readonly kind: 'memcached' | 'redis',
    readonly dir: string,
    readonly host: string,
    readonly port: number,
  ) {}

  static async start(kind: 'memcached' | 'redis'): Promise<CacheServer> {
    const dir = mkdtempSync(join(tmpdir(), `keystone-ts-${kind}-`));
    const addr = await CacheServer.script(kind, ['start', dir]);
    const m = /^([\d.]+):(\d+)$/m.exec(addr);
    if (!m) throw new Error(`${kind}.sh start printed no address: ${addr}`);
    return new CacheServer(kind, dir, m[1], Number(m[2]));
  }

  get address(): string {
    return `${this.host}:${this.port}`;
  }

  get pid(): number {
    return Number(readFileSync(join(this.dir, `${this.kind}.pid`), 'utf8').trim());
  }

  /** Stops the server (SIGTERM, by its recorded pid): its data is gone. */
  async kill(): Promise<void> {
    if (this.paused) this.resume();
    await CacheServer.script(this.kind, ['stop', this.dir]);
  }

  /** Starts it again on the same port, empty. */
  async restart(): Promise<void> {
    await CacheServer.script(this.kind, ['start', this.dir, String(this.port)]);
  }

  /**
   * SIGSTOP: connections stay open, nothing answers, the data survives.
   * Resolves once every thread is stopped: a group stop is not instant, and a
   * busy machine lets a worker thread answer one more request meanwhile.
   */
  async pause(): Promise<void> {
    const pid = this.pid;
    process.kill(pid, 'SIGSTOP');
    this.paused = true;
    const stopped = () =>
      readdirSync(`/proc/${pid}/task`).every((t) => /^\d+ \(.*\) T /.test(readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8')));
    for (const deadline = Date.now() + 5000; !stopped(); ) {
      if (Date.now() > deadline) throw new Error(`${this.kind} (pid ${pid}) did not stop within 5 s of SIGSTOP`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  resume(): void {
    process.kill(this.pid, 'SIGCONT');
    this.paused = false;
  }

  async stop(): Promise<void> {
    try {
      await this.kill();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private static async script(kind: string, args: string[]): Promise<string> {
    try {
      const { stdout } = await run('bash', [join(SCRIPTS, `${kind}.sh`), ...args], { timeout: 60_000 });
      return stdout;
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new Error(`scripts/services/${kind}.sh ${args.join(' ')} failed: ${err.stderr || err.message}`);
    }
  }
}
