import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/**
 * A fresh database for one test server: SQLite in the server's directory, or
 * a new PostgreSQL database on the server named by KEYSTONE_TS_TEST_PG_URL
 * (CI runs the whole suite a second time that way).
 */
export async function createTestDatabase(dir: string): Promise<{ url: string; drop(): Promise<void> }> {
  const pgUrl = process.env.KEYSTONE_TS_TEST_PG_URL;
  if (!pgUrl) return { url: `sqlite:///${join(dir, 'keystone.db')}`, drop: async () => undefined };
  const { Client } = await import('pg');
  const name = `ks_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: pgUrl.replace(/^postgresql\+\w+:/, 'postgresql:') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = pgUrl.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
  return {
    url,
    drop: async () => {
      const c = new Client({ connectionString: pgUrl.replace(/^postgresql\+\w+:/, 'postgresql:') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
