import { join } from 'node:path';
import type { Knex } from 'knex';
import { bootKeystone } from '@keystone-ts/server';
import { tokenFlushCommand } from '../../apps/keystone-manage/src/commands/token-flush.command';
import { startTestServer, ADMIN_PASSWORD, type TestServer } from '../support/e2e-server';

describe('[token] provider = uuid', () => {
  let ks: TestServer;
  let db: () => Knex;
  const auth = (t: string) => ({ 'x-auth-token': t });
  const row = async (id: string) => db()('token').where({ id }).first();
  beforeAll(async () => {
    ks = await startTestServer({ extraConfig: ['[token]', 'provider = uuid', 'driver = sql'].join('\n') });
    db = () => (ks.runtime.services.database as unknown as { knex(): Knex }).knex();
  });
  afterAll(async () => ks?.close());

  it('issues uuid4 hex ids and stores them in the token table', async () => {
    expect(ks.adminToken).toMatch(/^[0-9a-f]{32}$/);
    const r = await row(ks.adminToken);
    expect(r).toBeDefined();
    expect(Boolean(r.valid)).toBe(true);
    expect(r.user_id).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(r.extra).payload.methods).toEqual(['password']);
  });

  it('validates its tokens (GET and HEAD) and accepts them as X-Auth-Token', async () => {
    const subject = await ks.token('admin', ADMIN_PASSWORD, 'admin');
    const got = await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth(ks.adminToken), 'x-subject-token': subject } });
    expect(got.statusCode).toBe(200);
    expect(got.json().token.project.name).toBe('admin');
    const issued = await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth(subject), 'x-subject-token': subject } });
    expect(issued.json().token.issued_at).toBe(got.json().token.issued_at);
    expect((await ks.request({ method: 'HEAD', url: '/v3/auth/tokens', headers: { ...auth(ks.adminToken), 'x-subject-token': subject } })).statusCode).toBe(200);
    expect((await ks.request({ method: 'GET', url: '/v3/users', headers: auth(subject) })).statusCode).toBe(200);
  });

  it('rescopes an unscoped uuid token with the token method', async () => {
    const unscoped = await ks.token('admin', ADMIN_PASSWORD, null);
    const res = await ks.request({
      method: 'POST',
      url: '/v3/auth/tokens',
      payload: { auth: { identity: { methods: ['token'], token: { id: unscoped } }, scope: { project: { name: 'admin', domain: { id: 'default' } } } } },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().token.audit_ids).toHaveLength(2);
    expect(await row(res.headers['x-subject-token'] as string)).toBeDefined();
  });

  it('answers 404 for an unknown id, 401 when it is the caller', async () => {
    const unknown = '0123456789abcdef0123456789abcdef';
    const got = await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth(ks.adminToken), 'x-subject-token': unknown } });
    expect(got.statusCode).toBe(404);
    expect(got.json().error).toMatchObject({ code: 404, title: 'Not Found' });
    expect((await ks.request({ method: 'GET', url: '/v3/users', headers: auth(unknown) })).statusCode).toBe(401);
  });

  it('revocation (DELETE) marks the row invalid; the token no longer validates', async () => {
    const subject = await ks.token('admin', ADMIN_PASSWORD, 'admin');
    expect((await ks.request({ method: 'DELETE', url: '/v3/auth/tokens', headers: { ...auth(ks.adminToken), 'x-subject-token': subject } })).statusCode).toBe(204);
    expect(Boolean((await row(subject)).valid)).toBe(false);
    expect((await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth(ks.adminToken), 'x-subject-token': subject } })).statusCode).toBe(404);
    expect((await ks.request({ method: 'GET', url: '/v3/users', headers: auth(subject) })).statusCode).toBe(401);
  });

  it('keystone-manage token_flush deletes the expired rows only', async () => {
    const expired = await ks.token('admin', ADMIN_PASSWORD, 'admin');
    await db()('token').where({ id: expired }).update({ expires: db().raw("'2001-01-01 00:00:00.000000'") });
    const lines: string[] = [];
    const runtime = bootKeystone(['--config-file', join(ks.dir, 'keystone.conf')]);
    expect(await tokenFlushCommand.run({ runtime, flags: {}, out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(0);
    expect(lines).toEqual(['token_flush: 1 expired token(s) deleted']);
    expect(await row(expired)).toBeUndefined();
    expect(await row(ks.adminToken)).toBeDefined();
  });
});
