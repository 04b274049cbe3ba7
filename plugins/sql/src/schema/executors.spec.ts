/* eslint-disable @typescript-eslint/no-require-imports */
import { SqlExecutor, betterSqlite3Executor, knexExecutor, syncSchema, schemaVersion } from './index';

const Database = require('better-sqlite3');
const knexFactory = require('knex');

async function exercise(exec: SqlExecutor): Promise<void> {
  await exec.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(8), flag BOOLEAN)');
  await exec.execute('INSERT INTO t (id, name, flag) VALUES (?, ?, ?)', [1, 'a', true]);
  expect(await exec.query('SELECT id, name, flag FROM t WHERE id = ?', [1])).toEqual([{ id: 1, name: 'a', flag: 1 }]);
  // A write through query() answers no rows rather than failing.
  expect(await exec.query('UPDATE t SET name = ? WHERE id = ?', ['b', 1])).toEqual([]);

  await expect(
    exec.transaction!(async (tx) => {
      await tx.execute('INSERT INTO t (id, name) VALUES (2, ?)', ['c']);
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  expect(await exec.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 1 }]);

  const n = await exec.transaction!(async (tx) => {
    await tx.execute('INSERT INTO t (id, name) VALUES (2, ?)', ['c']);
    return (await tx.query('SELECT COUNT(*) AS n FROM t'))[0]?.n;
  });
  expect(n).toBe(2);
}

describe('betterSqlite3Executor', () => {
  it('runs statements, binds booleans, commits and rolls back', async () => {
    const db = new Database(':memory:');
    try {
      const exec = betterSqlite3Executor(db);
      expect(exec.dialect).toBe('sqlite');
      await exercise(exec);
      await expect(exec.transaction!(() => exec.transaction!(async () => 1))).rejects.toThrow(/already open/);
    } finally {
      db.close();
    }
  });
});

describe('knexExecutor (better-sqlite3 client)', () => {
  it('runs statements and transactions, and syncs the schema', async () => {
    const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    try {
      const exec = knexExecutor(knex);
      expect(exec.dialect).toBe('sqlite');
      await exercise(exec);
      expect((await syncSchema(exec, 'sqlite')).outcome).toBe('created');
      expect(await schemaVersion(exec)).toBe('29e87d24a316');
    } finally {
      await knex.destroy();
    }
  });

  it('rejects dialects it does not support', () => {
    expect(() => knexExecutor({ raw: async () => [], client: { dialect: 'mysql' } })).toThrow(/unsupported knex dialect 'mysql'/);
  });
});
