import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { KeystoneRuntime } from '../boot/boot-runtime';
import type { KeystoneConfig } from '../config/keystone-config';
import { HttpListeners, type ListenAddress, type ListenerOptions, type RequestHandler } from '../server/http-listeners.server';
import { loadTlsSettings, type TlsSettings } from '../server/tls-files.loader';
import { installClientCertificateIdentity } from '../server/client-certificate.identity';
import { fastifyOptions, installEdge } from './fastify-edge';
import { KeystoneErrorFilter } from './keystone-error.filter';
import { installRequestObservability } from '../observability/request-observability';
import { installRequestAuditContext } from '../notifications/request-audit-context';
import { exposeCacheStats } from '../observability/metrics';
import { getFieldLogger } from '../logging/logger';
import { CacheRegions } from '../cache/cache-regions';

/** Builds (but does not start) the Nest application around a booted runtime. */
export async function createKeystoneApp(runtime: KeystoneRuntime, rootModule: unknown): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter(fastifyOptions(runtime.config.get<number>('oslo_middleware', 'max_request_body_size')));
  const fastify = adapter.getInstance() as unknown as FastifyInstance;
  const allowedMethods = installEdge(fastify);
  installClientCertificateIdentity(fastify);
  installRequestAuditContext(fastify);
  installRequestObservability(fastify, runtime.config.get<boolean>('request_log', 'enabled') ? getFieldLogger('keystone.access') : null);
  if (runtime.config.get<boolean>('DEFAULT', 'debug')) {
    // Which process answered: lets an operator (and the multi-worker tests) see the spread.
    fastify.addHook('onRequest', async (_req, reply) => {
      void reply.header('x-keystone-worker', String(process.pid));
    });
  }
  const app = await NestFactory.create<NestFastifyApplication>(rootModule as never, adapter, {
    logger: ['error', 'warn'],
    bodyParser: false,
    abortOnError: false,
  });
  app.useGlobalFilters(new KeystoneErrorFilter(runtime.config.get<string | null>('DEFAULT', 'public_endpoint'), allowedMethods));
  // No enableShutdownHooks(): Nest would close the app on SIGTERM at once and
  // re-raise the signal. keystone-all drains in-flight requests first and
  // then calls app.close(), which runs the same shutdown hooks.
  await app.init();
  const regions = cacheRegionsOf(app);
  if (regions) exposeCacheStats(() => regions.health().stats as Record<string, { hits: number; misses: number; bypassed: number }>);
  return app;
}

export interface Listening {
  urls: string[];
  listeners: HttpListeners;
  /** Drains in-flight requests (bounded by graceMs; default [eventlet_server] graceful_shutdown_timeout), then closes the app. */
  close(graceMs?: number): Promise<void>;
}

/** Where and how keystone-all listens, from `[eventlet_server]` and `[eventlet_server_ssl]`. */
export function listenerOptions(cfg: KeystoneConfig, tls: TlsSettings | null = loadTlsSettings(cfg)): ListenerOptions {
  const publicHost = cfg.get<string>('eventlet_server', 'public_bind_host');
  const publicPort = cfg.get<number>('eventlet_server', 'public_port');
  const adminHost = cfg.get<string>('eventlet_server', 'admin_bind_host');
  const adminPort = cfg.get<number>('eventlet_server', 'admin_port');
  const addresses: ListenAddress[] = [{ label: '[eventlet_server] public_bind_host/public_port', host: publicHost, port: publicPort }];
  // The admin port serves the same v3 API, for deployments that still point clients at 35357.
  if (adminPort !== publicPort && adminPort !== 0) {
    addresses.push({ label: '[eventlet_server] admin_bind_host/admin_port', host: adminHost, port: adminPort });
  }
  return {
    addresses,
    tls,
    clientSocketTimeout: cfg.get<number>('eventlet_server', 'client_socket_timeout'),
    tcpKeepalive: cfg.get<boolean>('eventlet_server', 'tcp_keepalive'),
    tcpKeepidle: cfg.get<number>('eventlet_server', 'tcp_keepidle'),
  };
}

/** The request handler of a built app, for sockets Fastify does not own. */
export async function appHandler(app: NestFastifyApplication): Promise<RequestHandler> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  await fastify.ready();
  return (req, res) => fastify.routing(req, res);
}

/** Listens on the public and admin ports (HTTPS when `[eventlet_server_ssl] enable`). */
export async function listen(app: NestFastifyApplication, runtime: KeystoneRuntime, tls?: TlsSettings | null): Promise<Listening> {
  const listeners = await HttpListeners.listen(listenerOptions(runtime.config, tls), await appHandler(app));
  const grace = runtime.config.get<number>('eventlet_server', 'graceful_shutdown_timeout') * 1000;
  return {
    urls: listeners.urls,
    listeners,
    close: async (graceMs = grace) => {
      await listeners.drain(graceMs);
      await app.close();
    },
  };
}

function cacheRegionsOf(app: NestFastifyApplication): CacheRegions | null {
  try {
    return app.get(CacheRegions, { strict: false });
  } catch {
    return null; // a server built without the CacheModule
  }
}
