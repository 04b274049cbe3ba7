import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { createKeystoneApp, openDatabase, type KeystoneRuntime } from '@keystone-ts/core';
import { bootKeystone, KeystoneModule, runBootstrap } from '@keystone-ts/server';
import { setup as fernetSetup } from '@keystone-ts/plugin-token-fernet';
import { createTestDatabase } from './test-database';

export interface TestRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  payload?: unknown;
}

export interface TestResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = any>(): T;
}

export interface TestServer {
  dir: string;
  runtime: KeystoneRuntime;
  app: NestFastifyApplication;
  adminToken: string;
  adminPassword: string;
  request(req: TestRequest): Promise<TestResponse>;
  /** Issues a project-scoped token by password. */
  token(user: string, password: string, project?: string | null, domain?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Extra keystone.conf text appended after the generated sections. */
  extraConfig?: string;
  /** Files to write into the server's directory before boot (relative path → content). */
  files?: Record<string, string>;
  bootstrap?: boolean;
  /** Runs in the server's directory before boot (e.g. to install a plugin package there). */
  setup?: (dir: string) => void;
}

export const ADMIN_PASSWORD = 'admin-secret';

/**
 * Boots keystone-ts in-process on a fresh database (SQLite in a temp dir, or
 * a fresh PostgreSQL database when KEYSTONE_TS_TEST_PG_URL is set), with
 * fernet keys and a bootstrapped admin, and talks HTTP to it through
 * Fastify's injector (no port needed).
 */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'keystone-ts-e2e-'));
  for (const [rel, content] of Object.entries(opts.files ?? {})) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  opts.setup?.(dir);
  const db = await createTestDatabase(dir);
  const conf = join(dir, 'keystone.conf');
  writeFileSync(
    conf,
    [
      '[DEFAULT]',
      `state_path = ${dir}`,
      '[database]',
      `connection = ${db.url}`,
      '[fernet_tokens]',
      `key_repository = ${dir}/fernet-keys`,
      '[credential]',
      `key_repository = ${dir}/credential-keys`,
      '[identity]',
      'password_hash_rounds = 4',
      '[oslo_policy]',
      `policy_file = ${dir}/policy.yaml`,
      opts.extraConfig ?? '',
    ].join('\n'),
  );
  const runtime = bootKeystone(['--config-file', conf]);
  const schemaDb = await openDatabase(runtime.config);
  runtime.services.database = schemaDb;
  for (const { plugin } of runtime.registry.loadedPlugins()) {
    await plugin.persistence?.schema?.sync(schemaDb, () => undefined);
  }
  await schemaDb.close();
  await fernetSetup(`${dir}/fernet-keys`, {});
  const app = await createKeystoneApp(runtime, KeystoneModule.forRuntime(runtime));
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const request = async (req: TestRequest): Promise<TestResponse> => {
    const res = await fastify.inject({
      method: req.method,
      url: req.url,
      headers: { ...(req.payload !== undefined ? { 'content-type': 'application/json' } : {}), ...req.headers },
      payload: req.payload === undefined ? undefined : typeof req.payload === 'string' ? req.payload : JSON.stringify(req.payload),
    });
    return { statusCode: res.statusCode, headers: res.headers, body: res.body, json: () => JSON.parse(res.body) };
  };
  const token = async (user: string, password: string, project: string | null = null, domain = 'Default') => {
    const res = await request({
      method: 'POST',
      url: '/v3/auth/tokens',
      payload: {
        auth: {
          identity: { methods: ['password'], password: { user: { name: user, domain: { name: domain }, password } } },
          ...(project ? { scope: { project: { name: project, domain: { name: domain } } } } : {}),
        },
      },
    });
    if (res.statusCode !== 201) throw new Error(`token for ${user}: ${res.statusCode} ${res.body}`);
    return res.headers['x-subject-token'] as string;
  };
  let adminToken = '';
  if (opts.bootstrap !== false) {
    await runBootstrap(app, { password: ADMIN_PASSWORD, publicUrl: 'http://localhost/v3', regionId: 'RegionOne' });
    adminToken = await token('admin', ADMIN_PASSWORD, 'admin');
  }
  return {
    dir,
    runtime,
    app,
    adminToken,
    adminPassword: ADMIN_PASSWORD,
    request,
    token,
    close: async () => {
      await app.close();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
