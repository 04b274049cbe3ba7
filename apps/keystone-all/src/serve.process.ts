import cluster from 'node:cluster';
import { appHandler, configureLoggingFrom, createKeystoneApp, getLogger, HttpListeners, listenerOptions, shareMetricsWithPrimary, startMetricsListener, type KeystoneRuntime } from '@keystone-ts/core';
import { KeystoneModule } from '@keystone-ts/server';
import { describeFailure, prepareStart, type StartPlan } from './start-plan';
import { isShutdown, type WorkerReady } from './worker-messages';

type App = Awaited<ReturnType<typeof createKeystoneApp>>;

function graceMs(runtime: KeystoneRuntime): number {
  return runtime.config.get<number>('eventlet_server', 'graceful_shutdown_timeout') * 1000;
}

async function buildApp(plan: StartPlan): Promise<App> {
  configureLoggingFrom(plan.runtime.config);
  return createKeystoneApp(plan.runtime, KeystoneModule.forRuntime(plan.runtime));
}

/**
 * Serves from this process: the only process (`public_workers = 1`) or one
 * cluster worker. Either way SIGTERM/SIGINT drain in-flight requests and
 * exit 0. A single process reloads in place on SIGHUP: a new application is
 * built from the re-read config and swapped in behind the same sockets, the
 * old one closes once its requests are done. Workers leave SIGHUP to the
 * primary, which replaces them.
 */
export async function serve(argv: readonly string[], first: StartPlan, onServing?: () => void): Promise<void> {
  const log = getLogger('keystone.server');
  const worker = cluster.isWorker;
  let plan = first;
  let app = await buildApp(plan);
  const listeners = await HttpListeners.listen(listenerOptions(plan.runtime.config, plan.tls), await appHandler(app));
  // A worker's metrics go to the primary, which serves their sum; a single process serves its own.
  if (worker) shareMetricsWithPrimary();
  else await startMetricsListener(plan.runtime.config, 'single');

  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    const inflight = listeners.inflight;
    // drain() closes the listening sockets before its first await: the line below means "no longer accepting".
    const drained = listeners.drain(graceMs(plan.runtime));
    log.info(`${why}: stopped accepting; draining ${inflight} request(s) in flight`);
    if (!(await drained)) log.warn('graceful_shutdown_timeout reached: remaining connections closed');
    await app.close().catch((e: unknown) => log.error(`closing the application: ${describeFailure(e)}`));
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  onServing?.();
  if (worker) {
    process.on('message', (m) => isShutdown(m) && void stop('asked by the primary'));
    // The primary is gone (killed): nobody hands us connections any more.
    process.on('disconnect', () => void stop('primary disconnected'));
    process.on('SIGHUP', () => undefined);
    const ready: WorkerReady = { ks: 'ready', urls: listeners.urls };
    process.send?.(ready);
    return;
  }

  log.info(`keystone-ts listening on ${listeners.urls.join(', ')} (single process)`);
  let reloading: Promise<void> | null = null;
  let again = false;
  const reload = async () => {
    let next: StartPlan;
    try {
      next = prepareStart(argv);
    } catch (e) {
      log.error(`SIGHUP: configuration not reloaded, still serving the previous one: ${describeFailure(e)}`);
      return;
    }
    const before = listenerOptions(plan.runtime.config, plan.tls);
    const after = listenerOptions(next.runtime.config, next.tls);
    if (JSON.stringify(before.addresses) !== JSON.stringify(after.addresses) || !!before.tls !== !!after.tls || before.tls?.certRequired !== after.tls?.certRequired) {
      log.warn('SIGHUP: listening addresses and [eventlet_server_ssl] enable/cert_required take effect on restart (or with public_workers > 1)');
    } else if (after.tls) {
      listeners.updateTls(after.tls);
    }
    if (next.workers !== 1) log.warn(`SIGHUP: ${next.workers} workers take effect on restart`);
    let nextApp: App;
    try {
      nextApp = await buildApp(next);
    } catch (e) {
      log.error(`SIGHUP: configuration not reloaded, still serving the previous one: ${describeFailure(e)}`);
      return;
    }
    const old = app;
    app = nextApp;
    plan = next;
    await listeners.swap(await appHandler(nextApp), graceMs(plan.runtime));
    await old.close().catch((e: unknown) => log.error(`closing the previous application: ${describeFailure(e)}`));
    log.info('SIGHUP: configuration reloaded');
  };
  process.on('SIGHUP', () => {
    if (stopping) return;
    if (reloading) {
      again = true;
      return;
    }
    const run = async (): Promise<void> => {
      do {
        again = false;
        await reload();
      } while (again && !stopping);
      reloading = null;
    };
    reloading = run();
  });
}
