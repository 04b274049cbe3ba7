import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import FindMyWay from 'find-my-way';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Fastify server options matching Keystone's edge behaviour. */
export function fastifyOptions(maxBodySize: number) {
  return {
    bodyLimit: maxBodySize,
    genReqId: () => `req-${randomUUID()}`,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 1024 },
    logger: false,
    // Keystone treats query keys case-sensitively and repeats as lists; keep raw parsing.
    return503OnClosing: true,
  };
}

/**
 * Hooks that make every response Keystone-shaped: the request id header and
 * JSON bodies that may be empty. Returns a lookup of the methods a path
 * allows, so the error filter can answer 405 rather than 404.
 */
/** Where the route table is kept on the Fastify instance (for tests and tooling). */
export const ROUTES = Symbol.for('keystone-ts.routes');

export function registeredRoutes(app: FastifyInstance): readonly { method: string; url: string }[] {
  return ((app as unknown as Record<symbol, unknown>)[ROUTES] as { method: string; url: string }[]) ?? [];
}

export type AllowedMethods = (method: string, path: string) => string[];

export function installEdge(app: FastifyInstance): AllowedMethods {
  const shadow = FindMyWay();
  const routes: { method: string; url: string }[] = [];
  (app as unknown as Record<symbol, unknown>)[ROUTES] = routes;
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      routes.push({ method: m, url: route.url });
      if ((METHODS as readonly string[]).includes(m)) {
        try {
          shadow.on(m as 'GET', route.url, () => undefined);
        } catch {
          // same route registered twice (HEAD auto-added for GET): fine
        }
      }
    }
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-openstack-request-id', req.id);
    // PostgreSQL cannot store NUL and no Keystone identifier contains one:
    // refuse it at the edge instead of in every driver.
    if (hasNul(req.url)) {
      const err = new Error('NUL character in request') as Error & { statusCode: number };
      err.statusCode = req.url.split('?')[0].includes('%00') ? 404 : 400;
      throw err;
    }
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(/^application\/(.+\+)?json/, { parseAs: 'string' }, parseJson);
  // Keystone ignores the declared type of bodies it does not read; parse anything else as JSON when present.
  app.addContentTypeParser('*', { parseAs: 'string' }, parseJson);

  return (method: string, path: string) => METHODS.filter((m) => m !== method && shadow.find(m, path) !== null);
}

function parseJson(_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void): void {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.trim() === '') {
    done(null, undefined);
    return;
  }
  if (text.includes('\\u0000')) {
    const err = new Error('Malformed JSON body') as Error & { statusCode: number };
    err.statusCode = 400;
    done(err);
    return;
  }
  try {
    done(null, JSON.parse(text));
  } catch {
    const err = new Error('Malformed JSON body') as Error & { statusCode: number };
    err.statusCode = 400;
    done(err);
  }
}


function hasNul(url: string): boolean {
  return url.includes('%00') || url.includes('\u0000');
}
