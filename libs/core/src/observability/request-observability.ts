import type { FastifyInstance } from 'fastify';
import type { FieldLogger } from '../logging/logger';
import { recordRequest } from './metrics';

/**
 * Per request, once the response is sent: the metrics (always; a few counter
 * increments) and, when `accessLog` is given, one log line. The route label
 * is the matched template (`/v3/users/:user_id`), or `unmatched`, so neither
 * ids nor probing URLs can grow the label set.
 */
export function installRequestObservability(app: FastifyInstance, accessLog: FieldLogger | null): void {
  app.addHook('onResponse', async (req, reply) => {
    const seconds = reply.elapsedTime / 1000;
    const route = req.routeOptions.url ?? 'unmatched';
    recordRequest(req.method, route, reply.statusCode, seconds);
    if (accessLog) {
      accessLog({
        request_id: req.id,
        method: req.method,
        // Path only: query strings may carry names worth keeping out of logs.
        path: req.url.split('?', 1)[0],
        route,
        status: reply.statusCode,
        duration_ms: Math.round(seconds * 100000) / 100,
        remote_addr: req.socket.remoteAddress,
        user_agent: req.headers['user-agent'],
      }, 'request');
    }
  });
}
