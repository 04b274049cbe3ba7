import { Global, Module } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  CALLER_RESOLVER,
  CORE_OPTION_GROUPS,
  CoreModule,
  DriverFactory,
  KeystoneConfig,
  OptionRegistry,
  PluginRegistry,
  createKeystoneApp,
  getLogger,
  openDatabase,
  type Caller,
  type KeystoneRuntime,
  type MutableCoreServices,
} from '@keystone-ts/core';
import { Unauthorized } from '@keystone-ts/plugin-sdk';
import { knexExecutor, sqlPlugin, syncSchema } from '@keystone-ts/plugin-sql';
import { ResourceManager, ResourceModule, resourceOptionGroups } from '../src';

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const caller = (over: Partial<Caller>): Caller => ({
  tokenId: 't', userId: 'u-admin', userDomainId: 'default', projectId: 'p-admin', projectDomainId: 'default', domainId: null,
  systemScope: null, roles: ['admin', 'member', 'reader'], roleIds: [], isAdminProject: true, methods: ['password'], auditIds: ['a'],
  expiresAt: '2999-01-01T00:00:00.000000Z', trustId: null, appCredId: null, tokenBody: {}, ...over,
});

/** Tokens the fake resolver knows: an admin, a plain member, and a domain-scoped admin of domain `aaa…a` (32 a's). */
export const TOKENS: Record<string, Caller> = {
  admin: caller({}),
  member: caller({ userId: 'u-member', roles: ['member', 'reader'], projectId: 'p-other', isAdminProject: false }),
  'domain-admin': caller({ userId: 'u-dadmin', projectId: null, projectDomainId: null, domainId: 'a'.repeat(32), isAdminProject: false }),
};

@Global()
@Module({
  providers: [{
    provide: CALLER_RESOLVER,
    useValue: { resolveCaller: async (t: string) => TOKENS[t] ?? Promise.reject(new Unauthorized('The request you have made requires authentication.')) },
  }],
  exports: [CALLER_RESOLVER],
})
class FakeTokenModule {}

/**
 * The resource routes served over HTTP by core's app factory, with core's real
 * policy engine and error filter, the SQL driver on a fresh SQLite file, and
 * a fake token layer (`x-auth-token: admin|member|domain-admin`). The
 * `default` domain exists, as after keystone-manage bootstrap.
 */
export async function resourceHttpBed(conf = '') {
  const dir = mkdtempSync(join(tmpdir(), 'ks-resource-http-'));
  const options = new OptionRegistry();
  for (const g of CORE_OPTION_GROUPS) options.register(g, '@keystone-ts/core');
  for (const g of resourceOptionGroups) options.register(g, '@keystone-ts/resource');
  options.lock();
  const text = [
    '[DEFAULT]', `state_path = ${dir}`,
    '[database]', `connection = sqlite:///${join(dir, 'keystone.db')}`,
    '[oslo_policy]', `policy_file = ${join(dir, 'policy.yaml')}`,
    conf,
  ].join('\n');
  const config = KeystoneConfig.fromText(text, options, join(dir, 'keystone.conf'));
  const schemaDb = await openDatabase(config);
  await syncSchema(knexExecutor(schemaDb.knex() as never), 'sqlite');
  await schemaDb.close();
  const registry = new PluginRegistry();
  registry.register(sqlPlugin, '@keystone-ts/plugin-sql');
  registry.lock();
  const services: MutableCoreServices = {};
  const runtime = { config, registry, drivers: new DriverFactory(registry, services, getLogger), services, configFiles: [], rest: [] } as KeystoneRuntime;
  @Module({ imports: [CoreModule.forRoot(runtime), FakeTokenModule, ResourceModule] })
  class RootModule {}
  const app = await createKeystoneApp(runtime, RootModule);
  const resource = app.get(ResourceManager);
  await resource.createDomain('default', { name: 'Default', description: 'The default domain', enabled: true });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const request = async (method: string, url: string, payload?: unknown, token: string | null = 'admin', headers: Record<string, string> = {}): Promise<HttpResponse> => {
    const res = await fastify.inject({
      method: method as 'GET',
      url,
      headers: { ...(token ? { 'x-auth-token': token } : {}), ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      payload: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
    return { statusCode: res.statusCode, headers: res.headers, body: res.body, json: () => JSON.parse(res.body) };
  };
  return {
    app,
    resource,
    request,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
