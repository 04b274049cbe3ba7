#!/usr/bin/env node
import 'reflect-metadata';
import cluster from 'node:cluster';
import { configureLoggingFrom } from '@keystone-ts/core';
import { ClusterPrimary } from './cluster-primary.supervisor';
import { serve } from './serve.process';
import { describeFailure, prepareStart } from './start-plan';
import { isShutdown, type WorkerFatal } from './worker-messages';

/**
 * keystone-all. The first process reads and checks the whole configuration
 * (so a bad one fails with one line and exit 1 before anything forks), then
 * either serves by itself (`public_workers = 1`) or becomes the cluster
 * primary and forks the workers. A worker runs this same file, boots on
 * its own and serves.
 */
async function main(argv: readonly string[]): Promise<void> {
  let untilServing: (() => void) | undefined;
  if (cluster.isWorker) {
    // Asked to stop (or orphaned) while still booting: nothing to drain yet.
    const early = (m: unknown) => isShutdown(m) && process.exit(0);
    const orphaned = () => process.exit(0);
    process.on('message', early);
    process.on('disconnect', orphaned);
    untilServing = () => {
      process.off('message', early);
      process.off('disconnect', orphaned);
    };
  }
  const plan = prepareStart(argv);
  configureLoggingFrom(plan.runtime.config);
  if (cluster.isWorker || plan.workers === 1) {
    await serve(argv, plan, untilServing);
  } else {
    await new ClusterPrimary(argv, plan).start();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  const message = describeFailure(e);
  if (cluster.isWorker && process.send) {
    // The primary prints it (once, for the operator) and decides what to do.
    const fatal: WorkerFatal = { ks: 'fatal', message };
    process.send(fatal, () => process.exit(1));
    setTimeout(() => process.exit(1), 2000).unref();
    return;
  }
  process.stderr.write(`keystone-all: ${message}\n`);
  process.exit(1);
});
