import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's metrics. One registry per process: cluster workers each keep
 * their own and the primary sums them (prom-client's AggregatorRegistry).
 * Labels stay low-cardinality: routes are templates, never ids.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const requests = new Counter({
  name: 'keystone_http_requests_total',
  help: 'HTTP requests answered, by method, route template and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

const latency = new Histogram({
  name: 'keystone_http_request_duration_seconds',
  help: 'Time from request arrival to response, by method and route template.',
  labelNames: ['method', 'route'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

const tokens = new Counter({
  name: 'keystone_tokens_total',
  help: 'Token operations by kind (issue, validate) and outcome (success, failure).',
  labelNames: ['operation', 'outcome'] as const,
  registers: [metricsRegistry],
});

type CacheStats = Record<string, { hits: number; misses: number; bypassed: number }>;
let cacheStats: (() => CacheStats) | null = null;
const cacheSeen = new Map<string, number>();

// Registered for its collect() only: nothing increments it elsewhere.
new Counter({
  name: 'keystone_cache_lookups_total',
  help: 'Cache region lookups by region and result (hit, miss, bypassed: backend unusable or region off).',
  labelNames: ['region', 'result'] as const,
  registers: [metricsRegistry],
  // Regions count in plain fields on the hot path; the counter catches up when read
  // (also when the cluster primary asks a worker for its metrics).
  collect() {
    if (!cacheStats) return;
    for (const [region, s] of Object.entries(cacheStats())) {
      for (const [result, total] of [['hit', s.hits], ['miss', s.misses], ['bypassed', s.bypassed]] as const) {
        const key = `${region}/${result}`;
        const before = cacheSeen.get(key) ?? 0;
        // A reload (SIGHUP) builds new regions whose counts start again from zero.
        const delta = total >= before ? total - before : total;
        if (delta > 0) this.inc({ region, result }, delta);
        cacheSeen.set(key, total);
      }
    }
  },
});

export function recordRequest(method: string, route: string, status: number, seconds: number): void {
  requests.inc({ method, route, status: String(status) });
  latency.observe({ method, route }, seconds);
}

export function recordToken(operation: 'issue' | 'validate', outcome: 'success' | 'failure'): void {
  tokens.inc({ operation, outcome });
}

/** The cache regions of the application now serving (replaced on reload). */
export function exposeCacheStats(source: () => CacheStats): void {
  cacheStats = source;
  cacheSeen.clear();
}

/** This process's metrics in the Prometheus text format. */
export function renderMetrics(): Promise<string> {
  return metricsRegistry.metrics();
}
