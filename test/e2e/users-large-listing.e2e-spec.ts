import { startTestServer, type TestServer } from '../support/e2e-server';
import { db } from './auth-test-helpers';
import { toDbBool, toDbDate } from '../../plugins/sql/src/common/sql-values';

const dialect = process.env.KEYSTONE_TS_TEST_PG_URL ? 'postgresql' : 'sqlite';

/**
 * Listing thousands of users takes the whole-table path for password expiry
 * (Keystone's schema has no index on password.local_user_id); each user must
 * still show the expiry of their own newest password.
 */
describe('GET /v3/users with thousands of users', () => {
  let ks: TestServer;
  const COUNT = 1600;
  beforeAll(async () => {
    ks = await startTestServer();
    const knex = db(ks);
    const now = Date.now();
    const users = Array.from({ length: COUNT }, (_, i) => ({ id: `bulk${String(i).padStart(28, '0')}`, extra: '{}', enabled: toDbBool(dialect, true), domain_id: 'default', created_at: toDbDate(dialect, new Date(now)) }));
    for (let i = 0; i < users.length; i += 200) await knex('user').insert(users.slice(i, i + 200));
    for (let i = 0; i < users.length; i += 200) await knex('local_user').insert(users.slice(i, i + 200).map((u, j) => ({ user_id: u.id, domain_id: 'default', name: `bulk-${i + j}` })));
    const locals = await knex('local_user').where('name', 'like', 'bulk-%').select('id', 'name');
    const rows: Record<string, unknown>[] = [];
    for (const l of locals) {
      const n = Number(String(l.name).slice(5));
      // Every 100th user: an old password expired long ago, and a newer one expiring later.
      const created = toDbDate(dialect, new Date(now - 10_000));
      const base = { local_user_id: l.id, password_hash: null, self_service: toDbBool(dialect, false) };
      if (n % 100 === 0) {
        rows.push({ ...base, created_at: created, created_at_int: (now - 20_000) * 1000, expires_at_int: (now - 15_000) * 1000 });
        rows.push({ ...base, created_at: created, created_at_int: (now - 10_000) * 1000, expires_at_int: (now + (n + 1) * 60_000) * 1000 });
      } else {
        rows.push({ ...base, created_at: created, created_at_int: (now - 10_000) * 1000, expires_at_int: null });
      }
    }
    for (let i = 0; i < rows.length; i += 200) await knex('password').insert(rows.slice(i, i + 200));
  });
  afterAll(async () => ks?.close());

  it("shows each user's own newest password expiry", async () => {
    const res = await ks.request({ method: 'GET', url: '/v3/users', headers: { 'x-auth-token': ks.adminToken } });
    expect(res.statusCode).toBe(200);
    const bulk = (res.json().users as { name: string; password_expires_at: string | null }[]).filter((u) => u.name.startsWith('bulk-'));
    expect(bulk).toHaveLength(COUNT);
    for (const u of bulk) {
      const n = Number(u.name.slice(5));
      if (n % 100 === 0) expect([u.name, u.password_expires_at !== null && Date.parse(u.password_expires_at) > Date.now()]).toEqual([u.name, true]);
      else expect([u.name, u.password_expires_at]).toEqual([u.name, null]);
    }
  });
});
