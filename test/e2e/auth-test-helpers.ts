import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { createKeystoneApp, openDatabase } from '@keystone-ts/core';
import { bootKeystone, KeystoneModule } from '@keystone-ts/server';
import { setup as fernetSetup } from '@keystone-ts/plugin-token-fernet';
import type { TestResponse, TestServer } from '../support/e2e-server';
import { createTestDatabase } from '../support/test-database';

/** Shared by the auth-*.e2e-spec files: password logins, user creation, raw rows. */

export function passwordAuth(ks: TestServer, userId: string, password: string, headers: Record<string, string> = {}): Promise<TestResponse> {
  return ks.request({
    method: 'POST',
    url: '/v3/auth/tokens',
    headers,
    payload: { auth: { identity: { methods: ['password'], password: { user: { id: userId, password } } } } },
  });
}

export async function createUser(ks: TestServer, user: Record<string, unknown>): Promise<TestResponse & { id: string }> {
  const res = await ks.request({ method: 'POST', url: '/v3/users', headers: { 'x-auth-token': ks.adminToken }, payload: { user } });
  return Object.assign(res, { id: res.statusCode === 201 ? (res.json().user.id as string) : '' });
}

export function patchUser(ks: TestServer, id: string, user: Record<string, unknown>): Promise<TestResponse> {
  return ks.request({ method: 'PATCH', url: `/v3/users/${id}`, headers: { 'x-auth-token': ks.adminToken }, payload: { user } });
}

export function getUser(ks: TestServer, id: string): Promise<TestResponse> {
  return ks.request({ method: 'GET', url: `/v3/users/${id}`, headers: { 'x-auth-token': ks.adminToken } });
}

/** Self-service change: Keystone needs no token, the original password is the credential. */
export function changePassword(ks: TestServer, id: string, original: string, password: string): Promise<TestResponse> {
  return ks.request({ method: 'POST', url: `/v3/users/${id}/password`, payload: { user: { original_password: original, password } } });
}

/** The server's own knex, to read and age rows as time would. */
export function db(ks: TestServer): Knex {
  return (ks.runtime.services.database as unknown as { knex(): Knex }).knex();
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A request as if from TCP peer `remoteAddress` (Fastify's injector sets the socket's address). */
export async function injectFrom(
  ks: TestServer,
  remoteAddress: string,
  req: { method: 'GET' | 'POST' | 'HEAD'; url: string; headers?: Record<string, string>; payload?: unknown },
): Promise<TestResponse> {
  const fastify = ks.app.getHttpAdapter().getInstance() as unknown as {
    inject(o: Record<string, unknown>): Promise<{ statusCode: number; headers: Record<string, string | string[] | undefined>; body: string }>;
  };
  const res = await fastify.inject({
    method: req.method,
    url: req.url,
    remoteAddress,
    headers: { ...(req.payload !== undefined ? { 'content-type': 'application/json' } : {}), ...req.headers },
    payload: req.payload === undefined ? undefined : JSON.stringify(req.payload),
  });
  return { statusCode: res.statusCode, headers: res.headers, body: res.body, json: () => JSON.parse(res.body) };
}

export const externalAuth = (methods: string[] = ['external']) => ({
  auth: { identity: { methods, ...Object.fromEntries(methods.map((m) => [m, {}])) } },
});

/**
 * Boots keystone-ts as startTestServer does and expects the start to fail
 * with `message`. Unlike startTestServer it closes what a failed start
 * leaves open (the database the app opened before refusing).
 */
export async function expectStartRefused(extraConfig: string, message: RegExp): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'keystone-ts-refused-'));
  const db = await createTestDatabase(dir);
  const conf = join(dir, 'keystone.conf');
  writeFileSync(
    conf,
    [`[DEFAULT]\nstate_path = ${dir}`, `[database]\nconnection = ${db.url}`, `[fernet_tokens]\nkey_repository = ${dir}/fernet-keys`, `[oslo_policy]\npolicy_file = ${dir}/policy.yaml`, extraConfig].join('\n'),
  );
  const runtime = bootKeystone(['--config-file', conf]);
  const schemaDb = await openDatabase(runtime.config);
  try {
    runtime.services.database = schemaDb;
    for (const { plugin } of runtime.registry.loadedPlugins()) await plugin.persistence?.schema?.sync(schemaDb, () => undefined);
    await fernetSetup(`${dir}/fernet-keys`, {});
    let started: { close(): Promise<void> } | null = null;
    try {
      started = await createKeystoneApp(runtime, KeystoneModule.forRuntime(runtime));
    } catch (e) {
      expect((e as Error).message).toMatch(message);
    }
    if (started) {
      await started.close();
      throw new Error(`keystone-ts started; expected a refusal matching ${message}`);
    }
  } finally {
    await schemaDb.close();
    const appDb = runtime.services.database as { close?(): Promise<void> } | undefined;
    if (appDb && appDb !== (schemaDb as unknown)) await appDb.close?.();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
