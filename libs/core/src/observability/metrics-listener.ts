import { createServer, type Server } from 'node:http';
import { AggregatorRegistry } from 'prom-client';
import type { KeystoneConfig } from '../config/keystone-config';
import { metricsRegistry, renderMetrics } from './metrics';

/**
 * Cluster workers answer the primary's metrics requests (prom-client's IPC
 * protocol) from this process's registry. Call once in every worker.
 */
export function shareMetricsWithPrimary(): void {
  AggregatorRegistry.setRegistries([metricsRegistry]);
  // Constructing one is what installs the worker's answering listener.
  new AggregatorRegistry();
}

/**
 * Serves `[metrics] path` on `[metrics] bind_host:port`, if `[metrics] enabled`.
 * `cluster`: this is the primary and the document is the sum over its workers;
 * otherwise it is this process's own. Returns null when disabled.
 */
export async function startMetricsListener(config: KeystoneConfig, mode: 'single' | 'cluster'): Promise<Server | null> {
  if (!config.get<boolean>('metrics', 'enabled')) return null;
  const path = config.get<string>('metrics', 'path');
  const aggregator = mode === 'cluster' ? new AggregatorRegistry() : null;
  const server = createServer((req, res) => {
    if ((req.url ?? '').split('?', 1)[0] !== path || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found\n');
      return;
    }
    const body = aggregator ? aggregator.clusterMetrics() : renderMetrics();
    body.then(
      (text) => res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(req.method === 'HEAD' ? undefined : text),
      (e: Error) => res.writeHead(503, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${e.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.get<number>('metrics', 'port'), config.get<string>('metrics', 'bind_host'), () => resolve());
  });
  server.unref();
  return server;
}
