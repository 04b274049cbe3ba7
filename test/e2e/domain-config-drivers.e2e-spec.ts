import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Sha256IdGenerator, createKeystoneApp } from '@keystone-ts/core';
import { KeystoneModule, bootKeystone } from '@keystone-ts/server';
import { startTestServer, type TestResponse, type TestServer } from '../support/e2e-server';

const FIXTURE = resolve(__dirname, '../fixtures/example-plugin');

/**
 * `[identity] domain_configurations_from_database = true`: a domain is
 * switched to the third-party example plugin's `example-file` driver purely
 * through the domain config API, and every later change replaces the
 * driver without a restart, in this worker at once and in another worker
 * at its next fingerprint recheck.
 */
describe('domain-specific drivers from the domain config API', () => {
  let ks: TestServer;
  let auth: Record<string, string>;
  let domainId: string;
  let worker2: NestFastifyApplication | null = null;

  beforeAll(async () => {
    ks = await startTestServer({
      setup: (dir) => {
        mkdirSync(join(dir, 'node_modules'), { recursive: true });
        symlinkSync(FIXTURE, join(dir, 'node_modules', 'keystone-ts-example-plugin'));
        const users = (names: string[]) => JSON.stringify({ users: names.map((n) => ({ id: n, name: n, password: `${n}-pass` })), groups: [] });
        writeFileSync(join(dir, 'users-a.json'), users(['ann', 'ben']));
        writeFileSync(join(dir, 'users-b.json'), users(['cat']));
      },
      extraConfig: [
        '[identity]',
        'domain_specific_drivers_enabled = true',
        'domain_configurations_from_database = true',
        '[plugins]',
        'packages = keystone-ts-example-plugin',
      ].join('\n'),
    });
    auth = { 'x-auth-token': ks.adminToken };
    domainId = (await ks.request({ method: 'POST', url: '/v3/domains', headers: auth, payload: { domain: { name: 'apidom' } } })).json().domain.id;
  });
  afterAll(async () => {
    await worker2?.close();
    await ks?.close();
  });

  const publicId = (local: string) => new Sha256IdGenerator().generatePublicId({ domain_id: domainId, local_id: local, entity_type: 'user' });
  const usersOf = async (request: TestServer['request'] = ks.request) => {
    const res = await request({ method: 'GET', url: `/v3/users?domain_id=${domainId}`, headers: auth });
    expect(res.statusCode).toBe(200);
    return (res.json().users as { id: string; name: string }[]).map((u) => [u.name, u.id]);
  };
  const config = (method: 'PUT' | 'PATCH' | 'DELETE', path: string, payload?: unknown) =>
    ks.request({ method, url: `/v3/domains/${domainId}/config${path}`, headers: auth, payload });

  it('serves the default SQL driver until the domain has a configuration', async () => {
    expect(await usersOf()).toEqual([]);
  });

  it('accepts the plugin\'s own [identity] option per domain and switches the domain to its driver', async () => {
    const put = await config('PUT', '', { config: { identity: { driver: 'example-file', example_users_file: join(ks.dir, 'users-a.json') } } });
    expect(put.statusCode).toBe(201);
    expect(put.json().config.identity.example_users_file).toBe(join(ks.dir, 'users-a.json'));
    expect(await usersOf()).toEqual([
      ['ann', publicId('ann')],
      ['ben', publicId('ben')],
    ]);
    const login = await ks.request({
      method: 'POST',
      url: '/v3/auth/tokens',
      payload: { auth: { identity: { methods: ['password'], password: { user: { name: 'ann', domain: { id: domainId }, password: 'ann-pass' } } } } },
    });
    expect(login.statusCode).toBe(201);
    expect(login.json().token.user.id).toBe(publicId('ann'));
  });

  it('replaces the driver in this worker as soon as the configuration changes', async () => {
    const patched = await config('PATCH', '/identity/example_users_file', { config: { example_users_file: join(ks.dir, 'users-b.json') } });
    expect(patched.statusCode).toBe(200);
    expect(await usersOf()).toEqual([['cat', publicId('cat')]]);
  });

  it('lets another worker learn of a change at its next recheck', async () => {
    const runtime = bootKeystone(['--config-file', join(ks.dir, 'keystone.conf')]);
    worker2 = await createKeystoneApp(runtime, KeystoneModule.forRuntime(runtime));
    const fastify = worker2.getHttpAdapter().getInstance() as unknown as FastifyInstance;
    const request2: TestServer['request'] = async (req) => {
      const res = await fastify.inject({ method: req.method, url: req.url, headers: req.headers });
      return { statusCode: res.statusCode, headers: res.headers as TestResponse['headers'], body: res.body, json: () => JSON.parse(res.body) };
    };
    expect(await usersOf(request2)).toEqual([['cat', publicId('cat')]]);
    await config('PATCH', '/identity/example_users_file', { config: { example_users_file: join(ks.dir, 'users-a.json') } });
    const deadline = Date.now() + 5000;
    let seen = await usersOf(request2);
    while (seen.length !== 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      seen = await usersOf(request2);
    }
    expect(seen.map(([name]) => name)).toEqual(['ann', 'ben']);
  });

  it('falls back to the default driver when the configuration is deleted', async () => {
    expect((await config('DELETE', '')).statusCode).toBe(204);
    expect(await usersOf()).toEqual([]);
  });

  it('stores a configuration naming a driver this server lacks, and fails only that domain\'s identity calls, as Keystone does', async () => {
    expect((await config('PUT', '', { config: { identity: { driver: 'ldap' }, ldap: { url: 'ldap://nowhere' } } })).statusCode).toBe(201);
    const res = await ks.request({ method: 'GET', url: `/v3/users?domain_id=${domainId}`, headers: auth });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('ldap://nowhere');
    expect((await ks.request({ method: 'GET', url: '/v3/users?domain_id=default', headers: auth })).statusCode).toBe(200);
    expect((await config('DELETE', '')).statusCode).toBe(204);
  });

  it('refuses a second SQL identity driver when the domain is used (the default one is SQL)', async () => {
    expect((await config('PUT', '', { config: { identity: { driver: 'sql' } } })).statusCode).toBe(201);
    const res = await ks.request({ method: 'GET', url: `/v3/users?domain_id=${domainId}`, headers: auth });
    expect(res.statusCode).toBe(500);
    expect((await config('DELETE', '')).statusCode).toBe(204);
    expect(await usersOf()).toEqual([]);
  });
});
