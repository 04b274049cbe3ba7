import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { registeredRoutes } from '@keystone-ts/core';
import { startTestServer, type TestServer } from '../support/e2e-server';

/**
 * Every route, hit with hostile ids, query strings and bodies: the answer is
 * always a Keystone error or a success, never a 500, never a stack trace.
 */
describe('hostile input on every route', () => {
  let ks: TestServer;
  let routes: { method: string; url: string }[];
  beforeAll(async () => {
    ks = await startTestServer();
    const fastify = ks.app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
    routes = registeredRoutes(fastify).filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
  });
  afterAll(async () => ks?.close());

  const hostileString = fc.oneof(
    fc.string(),
    fc.constantFrom('', ' ', '..', '%00', '\u0000', "' OR 1=1 --", '<script>', 'a'.repeat(300), '🙂', '__proto__', 'constructor', '{}', '[]', 'null', 'true'),
  );
  const hostileJson = fc.oneof(
    fc.jsonValue(),
    fc.record({ user: fc.jsonValue(), project: fc.jsonValue(), domain: fc.jsonValue(), role: fc.jsonValue(), group: fc.jsonValue(), auth: fc.jsonValue() }, { requiredKeys: [] }),
    fc.constantFrom('{"__proto__": {"admin": true}}', '{', '[]', '""', 'null', '{"user": {"name": {"$ne": 1}}}'),
  );

  it('never answers 5xx', async () => {
    expect(routes.length).toBeGreaterThan(40);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: routes.length - 1 }),
        fc.array(hostileString, { minLength: 3, maxLength: 3 }),
        fc.dictionary(fc.constantFrom('name', 'enabled', 'domain_id', 'limit', 'marker', 'effective', 'include_names', 'user.id', 'scope.project.id', 'parent_id', 'tags', 'nocatalog', 'allow_expired', 'name__contains'), hostileString),
        hostileJson,
        fc.boolean(),
        async (i, ids, query, body, withToken) => {
          const route = routes[i];
          let n = 0;
          const url = route.url.replace(/:[a-z_]+/g, () => encodeURIComponent(ids[n++ % ids.length]) || 'x');
          const qs = new URLSearchParams(query as Record<string, string>).toString();
          const res = await ks.request({
            method: route.method as 'GET',
            url: qs ? `${url}?${qs}` : url,
            headers: withToken ? { 'x-auth-token': ks.adminToken, 'x-subject-token': ids[0] } : {},
            payload: ['POST', 'PUT', 'PATCH'].includes(route.method) ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
          });
          if (res.statusCode >= 500) {
            throw new Error(`${route.method} ${url}?${qs} → ${res.statusCode} ${res.body}`);
          }
          if (res.statusCode >= 400 && res.body) {
            const err = res.json().error;
            expect(err).toEqual({ code: res.statusCode, message: expect.any(String), title: expect.any(String) });
            expect(err.message).not.toMatch(/\n\s+at |SqliteError|node_modules/);
          }
        },
      ),
      { numRuns: 600, seed: 20261123 },
    );
  });
});
