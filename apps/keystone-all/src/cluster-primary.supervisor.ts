import cluster, { type Worker } from 'node:cluster';
import { getLogger, startMetricsListener } from '@keystone-ts/core';
import { RestartBackoff } from './restart-backoff.policy';
import { describeFailure, prepareStart, type StartPlan } from './start-plan';
import { isWorkerMessage, type WorkerShutdown } from './worker-messages';

interface WorkerState {
  worker: Worker;
  generation: number;
  ready: boolean;
  retiring: boolean;
  fatal?: string;
}

/** A generation being started: all its workers must report ready. */
interface Pending {
  generation: number;
  remaining: number;
  settle(error: string | null): void;
}

/** How long a fresh worker may take to boot and listen. */
const BOOT_TIMEOUT_MS = 120_000;
/** Added to the workers' own grace period before the primary kills a worker that does not exit. */
const KILL_MARGIN_MS = 5_000;

/**
 * The cluster primary: it serves nothing itself. It forks the workers (which
 * share its listening sockets), replaces a worker that crashes (with a
 * back-off), drains every worker on SIGTERM/SIGINT, and on SIGHUP starts a
 * new generation of workers from the re-read config and retires the old one
 * once the new one listens, so no connection is refused.
 */
export class ClusterPrimary {
  private readonly log = getLogger('keystone.server');
  private readonly states = new Map<number, WorkerState>();
  private readonly backoff = new RestartBackoff();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** What each worker reported it listens on (worker id → URLs). */
  private readonly urls = new Map<number, string[]>();
  private current = 0;
  private generations = 0;
  private pending: Pending | null = null;
  private shuttingDown = false;
  private reloading = false;
  private reloadAgain = false;

  constructor(
    private readonly argv: readonly string[],
    private plan: StartPlan,
  ) {}

  /** Resolves once every worker listens; a worker that fails to start fails the start (exit 1, its reason on one line). */
  async start(): Promise<void> {
    // Installed first: a SIGTERM while the workers boot must stop them too.
    process.on('SIGTERM', () => this.shutdown('SIGTERM'));
    process.on('SIGINT', () => this.shutdown('SIGINT'));
    process.on('SIGHUP', () => void this.reload());
    const error = (await this.startGeneration(this.plan.workers)) ?? (await this.startMetrics());
    if (error && !this.shuttingDown) {
      process.stderr.write(`keystone-all: ${error}\n`);
      for (const s of this.states.values()) s.worker.process.kill('SIGTERM');
      process.exit(1);
    }
  }

  /** The workers' metrics, summed, on `[metrics] bind_host:port` (started once; kept across reloads). */
  private async startMetrics(): Promise<string | null> {
    try {
      await startMetricsListener(this.plan.runtime.config, 'cluster');
      return null;
    } catch (e) {
      return `[metrics] listener: ${describeFailure(e)}`;
    }
  }

  private startGeneration(count: number): Promise<string | null> {
    const generation = ++this.generations;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.pending?.settle(`workers not listening after ${BOOT_TIMEOUT_MS / 1000}s`), BOOT_TIMEOUT_MS);
      this.pending = {
        generation,
        remaining: count,
        settle: (error) => {
          clearTimeout(timer);
          this.pending = null;
          if (!error) {
            this.current = generation;
            this.log.info(`keystone-ts listening on ${this.urlsOf(generation).join(', ')} with ${count} workers (generation ${generation})`);
          }
          resolve(error);
        },
      };
      for (let i = 0; i < count; i++) this.fork(generation);
    });
  }

  private fork(generation: number): void {
    const worker = cluster.fork();
    const state: WorkerState = { worker, generation, ready: false, retiring: false };
    this.states.set(worker.id, state);
    worker.on('message', (m: unknown) => {
      if (!isWorkerMessage(m)) return;
      if (m.ks === 'fatal') state.fatal = m.message;
      if (m.ks === 'ready') {
        state.ready = true;
        this.urls.set(worker.id, m.urls);
        this.log.info(`worker ${worker.process.pid} ready (generation ${generation})`);
        if (this.pending?.generation === generation && --this.pending.remaining === 0) this.pending.settle(null);
      }
    });
    worker.on('exit', (code, signal) => this.onExit(state, code, signal));
  }

  private urlsOf(generation: number): string[] {
    const s = [...this.states.values()].find((st) => st.generation === generation && st.ready);
    return s ? (this.urls.get(s.worker.id) ?? []) : [];
  }

  private onExit(state: WorkerState, code: number | null, signal: string | null): void {
    this.states.delete(state.worker.id);
    this.urls.delete(state.worker.id);
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (this.shuttingDown || state.retiring) {
      if (this.shuttingDown && this.states.size === 0) process.exit(0);
      return;
    }
    // A generation that is starting counts as failed if any of its workers dies before all are up.
    if (this.pending?.generation === state.generation) {
      this.pending.settle(state.fatal ?? `worker ${state.worker.process.pid} exited with ${how} ${state.ready ? 'while the other workers were starting' : 'before it was listening'}`);
      return;
    }
    if (state.generation !== this.current) return;
    const delay = this.backoff.next();
    this.log.error(`worker ${state.worker.process.pid} exited with ${how}${state.fatal ? `: ${state.fatal}` : ''}; starting a replacement in ${delay}ms`);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.shuttingDown && state.generation === this.current) this.fork(state.generation);
    }, delay);
    this.timers.add(timer);
  }

  /** Asks a worker to drain and exit; kills it if it outlives its grace period. */
  private retire(state: WorkerState): void {
    if (state.retiring) return;
    state.retiring = true;
    const msg: WorkerShutdown = { ks: 'shutdown' };
    try {
      state.worker.send(msg);
    } catch {
      state.worker.process.kill('SIGTERM');
    }
    const grace = this.plan.runtime.config.get<number>('eventlet_server', 'graceful_shutdown_timeout') * 1000;
    if (grace > 0) {
      const timer = setTimeout(() => {
        this.log.error(`worker ${state.worker.process.pid} did not stop within graceful_shutdown_timeout: killed`);
        state.worker.process.kill('SIGKILL');
      }, grace + KILL_MARGIN_MS);
      timer.unref();
      state.worker.once('exit', () => clearTimeout(timer));
    }
  }

  private shutdown(signal: string): void {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    this.log.info(`${signal}: draining ${this.states.size} workers`);
    for (const t of this.timers) clearTimeout(t);
    if (this.states.size === 0) process.exit(0);
    for (const s of this.states.values()) this.retire(s);
  }

  private async reload(): Promise<void> {
    if (this.shuttingDown) return;
    if (this.current === 0) {
      this.log.warn('SIGHUP: ignored while the first workers start');
      return;
    }
    if (this.reloading) {
      this.reloadAgain = true;
      return;
    }
    this.reloading = true;
    try {
      do {
        this.reloadAgain = false;
        await this.reloadOnce();
      } while (this.reloadAgain && !this.shuttingDown);
    } finally {
      this.reloading = false;
    }
  }

  private async reloadOnce(): Promise<void> {
    let next: StartPlan;
    try {
      next = prepareStart(this.argv);
    } catch (e) {
      this.log.error(`SIGHUP: configuration not reloaded, keeping the running workers: ${describeFailure(e)}`);
      return;
    }
    const error = await this.startGeneration(next.workers);
    if (error) {
      this.log.error(`SIGHUP: new workers did not start, keeping the running ones: ${error}`);
      for (const s of this.states.values()) if (s.generation === this.generations) this.retire(s);
      return;
    }
    this.plan = next;
    // Every older worker, including a crash replacement forked while the new generation booted.
    const old = [...this.states.values()].filter((s) => s.generation !== this.current && !s.retiring);
    for (const s of old) this.retire(s);
    this.log.info(`SIGHUP: configuration reloaded; retiring ${old.length} previous workers`);
  }
}
