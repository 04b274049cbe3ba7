/** Messages between the cluster primary and its workers (over the cluster IPC channel). */

/** Worker → primary: serving on these URLs. */
export interface WorkerReady {
  ks: 'ready';
  urls: string[];
}

/** Worker → primary, just before exiting 1: why it could not start. */
export interface WorkerFatal {
  ks: 'fatal';
  message: string;
}

/** Primary → worker: stop accepting, drain in-flight requests, exit 0. */
export interface WorkerShutdown {
  ks: 'shutdown';
}

export type WorkerMessage = WorkerReady | WorkerFatal;

export function isWorkerMessage(m: unknown): m is WorkerMessage {
  const ks = (m as { ks?: unknown } | null)?.ks;
  return ks === 'ready' || ks === 'fatal';
}

export function isShutdown(m: unknown): m is WorkerShutdown {
  return (m as { ks?: unknown } | null)?.ks === 'shutdown';
}
