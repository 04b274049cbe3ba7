import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { KeystoneRuntime } from '../boot/boot-runtime';
import { fastifyOptions, installEdge } from './fastify-edge';
import { KeystoneErrorFilter } from './keystone-error.filter';

/** Builds (but does not start) the Nest application around a booted runtime. */
export async function createKeystoneApp(runtime: KeystoneRuntime, rootModule: unknown): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter(fastifyOptions(runtime.config.get<number>('oslo_middleware', 'max_request_body_size')));
  const allowedMethods = installEdge(adapter.getInstance() as unknown as FastifyInstance);
  const app = await NestFactory.create<NestFastifyApplication>(rootModule as never, adapter, {
    logger: ['error', 'warn'],
    bodyParser: false,
    abortOnError: false,
  });
  app.useGlobalFilters(new KeystoneErrorFilter(runtime.config.get<string | null>('DEFAULT', 'public_endpoint'), allowedMethods));
  app.enableShutdownHooks();
  await app.init();
  return app;
}

export interface Listening {
  urls: string[];
  close(): Promise<void>;
}

/**
 * Listens on the public and admin ports. Both serve the same v3 API (the
 * admin port exists for deployments that still point clients at 35357).
 */
export async function listen(app: NestFastifyApplication, runtime: KeystoneRuntime): Promise<Listening> {
  const cfg = runtime.config;
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const publicHost = cfg.get<string>('eventlet_server', 'public_bind_host');
  const publicPort = cfg.get<number>('eventlet_server', 'public_port');
  const adminHost = cfg.get<string>('eventlet_server', 'admin_bind_host');
  const adminPort = cfg.get<number>('eventlet_server', 'admin_port');
  await fastify.listen({ host: publicHost, port: publicPort });
  const urls = [`http://${publicHost}:${addressPort(fastify.server) ?? publicPort}`];
  let admin: Server | null = null;
  if (adminPort !== publicPort && adminPort !== 0) {
    admin = createServer((req, res) => fastify.routing(req, res));
    await new Promise<void>((resolve, reject) => {
      admin!.once('error', reject);
      admin!.listen(adminPort, adminHost, () => resolve());
    });
    urls.push(`http://${adminHost}:${adminPort}`);
  }
  return {
    urls,
    close: async () => {
      if (admin) await new Promise<void>((r) => admin!.close(() => r()));
      await app.close();
    },
  };
}

function addressPort(server: Server): number | null {
  const a = server.address();
  return a && typeof a === 'object' ? a.port : null;
}
