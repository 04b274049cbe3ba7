import { checkWorkerSafety, loadTlsSettings, workerCount, type KeystoneRuntime, type TlsSettings } from '@keystone-ts/core';
import { bootKeystone } from '@keystone-ts/server';

/** A configuration that was read and checked completely, before any socket or worker exists. */
export interface StartPlan {
  runtime: KeystoneRuntime;
  workers: number;
  tls: TlsSettings | null;
}

/**
 * Boots config and plugins, then checks what only matters to the server:
 * process-local stores with several workers, and the TLS files. Throws a
 * ConfigurationError (one line for the operator) on the first problem.
 * The primary runs this at start and on SIGHUP; each worker runs it again
 * for itself (it is cheap and the worker needs the runtime anyway).
 */
export function prepareStart(argv: readonly string[]): StartPlan {
  const runtime = bootKeystone(argv);
  const workers = workerCount(runtime.config);
  checkWorkerSafety(runtime.config, workers);
  const tls = loadTlsSettings(runtime.config);
  return { runtime, workers, tls };
}

/** One line for a ConfigurationError (the operator's to fix); the stack for anything else. */
export function describeFailure(e: unknown): string {
  const err = e as Error | undefined;
  if (err?.name === 'ConfigurationError') return err.message.split('\n')[0];
  return err?.stack ?? String(e);
}
