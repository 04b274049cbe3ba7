/* eslint-disable @typescript-eslint/no-require-imports */
import { SqlExecutor, betterSqlite3Executor, diffSnapshots, introspectSqlite, syncSchema } from './index';

const Database = require('better-sqlite3');

/** The comparison used against Keystone must itself notice every kind of difference. */
describe('diffSnapshots over introspectSqlite', () => {
  const dbs: { close(): void }[] = [];
  afterAll(() => dbs.forEach((d) => d.close()));

  async function synced(): Promise<SqlExecutor> {
    const db = new Database(':memory:');
    dbs.push(db);
    const exec = betterSqlite3Executor(db);
    await syncSchema(exec, 'sqlite');
    return exec;
  }

  it('finds nothing between two fresh databases', async () => {
    const [a, b] = [await synced(), await synced()];
    expect(diffSnapshots(await introspectSqlite(a, ['project']), await introspectSqlite(b, ['project']))).toEqual([]);
  });

  it.each([
    ['an extra index', 'CREATE INDEX ix_extra ON role (name)', /table role indexes: unexpected "ix_extra/],
    ['a missing table', 'DROP TABLE token', /table token: missing/],
    ['an extra column', 'ALTER TABLE region ADD COLUMN x TEXT', /table region columns\[4\]: expected undefined/],
    ['a different row', "UPDATE project SET description = 'x'", /rows project: missing/],
    ['a trigger', "CREATE TRIGGER t AFTER INSERT ON role BEGIN SELECT 1; END", /objects views\/triggers: unexpected "trigger t"/],
  ])('reports %s', async (_what, change, expected) => {
    const [a, b] = [await synced(), await synced()];
    await b.execute(change);
    const diff = diffSnapshots(await introspectSqlite(a, ['project']), await introspectSqlite(b, ['project']));
    expect(diff.join('\n')).toMatch(expected);
  });
});
