import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

/** oslo.middleware's healthcheck group, as Keystone's paste pipeline read it. */
export const healthcheckOptions = defineOptionGroup({
  name: 'healthcheck',
  help: 'GET /healthcheck: plain "OK" (200) or the failing reason (503) for anyone; JSON details for callers whose token passes the admin_required rule.',
  options: {
    detailed: opt.bool({ default: true, help: 'Give authorized callers the per-check details (database and cache reachability, latency, process facts). False: they get the plain answer too.' }),
    disable_by_file_path: opt.str({ default: null, help: 'While this file exists, /healthcheck answers 503 "DISABLED BY FILE" (take a node out of a load balancer without stopping it).' }),
  },
});

/** Prometheus metrics: a separate listener so that the public API never exposes them. */
export const metricsOptions = defineOptionGroup({
  name: 'metrics',
  help: 'Prometheus exposition of request, token and cache metrics. With several workers the cluster primary serves the sum of all workers.',
  options: {
    enabled: opt.bool({ default: false, help: 'Serve metrics on [metrics] bind_host:port at [metrics] path.' }),
    bind_host: opt.str({ default: '127.0.0.1', help: 'Address of the metrics listener.' }),
    port: opt.int({ default: 9464, min: 1, max: 65535, help: 'Port of the metrics listener.' }),
    path: opt.str({ default: '/metrics', help: 'Path of the metrics document.' }),
  },
});

/** How requests are logged. */
export const requestLogOptions = defineOptionGroup({
  name: 'request_log',
  help: 'One JSON log line per request (pino), carrying the x-openstack-request-id.',
  options: {
    enabled: opt.bool({ default: true, help: 'Log every request: method, route, status, duration, request id, remote address.' }),
  },
});
