import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Database } from './database';

const run = promisify(execFile);
const DIST = resolve(__dirname, '../../dist/database/database.js');

/** A worker process: N transactions that read, then write (the pattern that deadlocks with a deferred BEGIN). */
const WORKER = `
const { Database } = require(process.argv[1]);
(async () => {
  const db = await Database.open({ dialect: 'sqlite', filename: process.argv[2] });
  const k = db.knex();
  for (let i = 0; i < 40; i++) {
    await k.transaction(async (trx) => {
      const n = await trx('t').count('x as c');
      // Widen the window between the read and the write so the processes collide.
      await new Promise((r) => setTimeout(r, 2));
      await trx('t').insert({ x: Number(n[0].c) });
    });
  }
  await db.close();
})().catch((e) => { console.error(e.message); process.exit(1); });
`;

describe('Database (SQLite)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ks-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses WAL and a busy timeout', async () => {
    const db = await Database.open({ dialect: 'sqlite', filename: join(dir, 'k.db') });
    expect(await db.knex().raw('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await db.knex().raw('PRAGMA busy_timeout')).toEqual([{ timeout: 10000 }]);
    await db.close();
  });

  it('lets several processes run read-then-write transactions without "database is locked"', async () => {
    if (!existsSync(DIST)) throw new Error(`build first (npm run build): ${DIST} is missing`);
    const file = join(dir, 'k.db');
    const db = await Database.open({ dialect: 'sqlite', filename: file });
    await db.knex().raw('CREATE TABLE t (x INTEGER)');
    await db.close();
    await Promise.all([0, 1, 2].map(() => run(process.execPath, ['-e', WORKER, DIST, file], { timeout: 60_000 })));
    const check = await Database.open({ dialect: 'sqlite', filename: file });
    const rows = await check.knex()('t').count('x as c');
    // Serialised writers: every insert saw every earlier one, so the values are 0..119 exactly once.
    const distinct = await check.knex()('t').countDistinct('x as c');
    expect([Number(rows[0].c), Number(distinct[0].c)]).toEqual([120, 120]);
    await check.close();
  });
});
