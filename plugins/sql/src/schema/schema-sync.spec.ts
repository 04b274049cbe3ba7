/* eslint-disable @typescript-eslint/no-require-imports */
import {
  KEYSTONE_SCHEMA,
  SchemaVersionError,
  SqlExecutor,
  betterSqlite3Executor,
  introspectSqlite,
  listTables,
  readSchemaState,
  schemaVersion,
  syncSchema,
} from './index';

// better-sqlite3 ships no type declarations; the executor types it structurally.
const Database = require('better-sqlite3');

function freshDb(): { exec: SqlExecutor; close: () => void } {
  const db = new Database(':memory:');
  return { exec: betterSqlite3Executor(db), close: () => db.close() };
}

describe('syncSchema on SQLite', () => {
  let exec: SqlExecutor;
  let close: () => void;
  beforeEach(() => ({ exec, close } = freshDb()));
  afterEach(() => close());

  it('creates every table, the root domain and the alembic heads on an empty database', async () => {
    expect(await schemaVersion(exec)).toBe('None');
    expect(await readSchemaState(exec, 'sqlite')).toEqual({ kind: 'empty', emptyAlembicTable: false });

    const result = await syncSchema(exec, 'sqlite');

    expect(result).toEqual({ outcome: 'created', revisions: ['29e87d24a316', 'e25ffa003242'] });
    expect(await listTables(exec, 'sqlite')).toHaveLength(KEYSTONE_SCHEMA.tables.length);
    expect(await exec.query('SELECT id, enabled, is_domain, parent_id FROM project')).toEqual([
      { id: '<<keystone.domain.root>>', enabled: 0, is_domain: 1, parent_id: null },
    ]);
    expect(await schemaVersion(exec)).toBe('29e87d24a316');
  });

  it('does nothing on a database already at the heads', async () => {
    await syncSchema(exec, 'sqlite');
    const before = await introspectSqlite(exec, ['alembic_version', 'project']);
    expect(await syncSchema(exec, 'sqlite')).toEqual({
      outcome: 'up-to-date',
      revisions: ['29e87d24a316', 'e25ffa003242'],
    });
    expect(await introspectSqlite(exec, ['alembic_version', 'project'])).toEqual(before);
  });

  it('refuses an older Keystone revision and says to run Keystone db_sync', async () => {
    await syncSchema(exec, 'sqlite');
    await exec.execute('DELETE FROM alembic_version');
    await exec.execute("INSERT INTO alembic_version VALUES ('27e647c0fad4')");
    expect(await schemaVersion(exec)).toBe('27e647c0fad4');
    const err = await syncSchema(exec, 'sqlite').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaVersionError);
    expect((err as SchemaVersionError).state.kind).toBe('behind');
    expect(String(err)).toMatch(/27e647c0fad4, older than Keystone 22 \(Zed\).*keystone-manage db_sync/);
  });

  it('refuses a half-done rolling upgrade (expand without contract)', async () => {
    await syncSchema(exec, 'sqlite');
    await exec.execute("DELETE FROM alembic_version WHERE version_num = 'e25ffa003242'");
    await expect(syncSchema(exec, 'sqlite')).rejects.toThrow(/older than Keystone 22/);
    expect(await schemaVersion(exec)).toBe('29e87d24a316');
  });

  it('refuses an unknown (newer) revision', async () => {
    await syncSchema(exec, 'sqlite');
    await exec.execute("UPDATE alembic_version SET version_num = 'abcdef123456' WHERE version_num = '29e87d24a316'");
    await expect(syncSchema(exec, 'sqlite')).rejects.toThrow(/abcdef123456 unknown to Keystone 22 \(Zed\).*newer Keystone/);
    await expect(schemaVersion(exec)).rejects.toThrow(/unknown to Keystone 22: abcdef123456/);
  });

  it('refuses a pre-Yoga sqlalchemy-migrate database and reports its version like Keystone', async () => {
    await exec.execute('CREATE TABLE migrate_version (repository_id VARCHAR(250) PRIMARY KEY, repository_path TEXT, version INTEGER)');
    await exec.execute("INSERT INTO migrate_version VALUES ('keystone', '/x', 72), ('keystone_expand', '/y', 75)");
    await exec.execute('CREATE TABLE project (id VARCHAR(64) PRIMARY KEY)');
    expect(await schemaVersion(exec)).toBe('75');
    await expect(syncSchema(exec, 'sqlite')).rejects.toThrow(/sqlalchemy-migrate \(keystone=72, keystone_expand=75\)/);
  });

  it('refuses Keystone tables without version information', async () => {
    await exec.execute('CREATE TABLE "user" (id VARCHAR(64) PRIMARY KEY)');
    await expect(syncSchema(exec, 'sqlite')).rejects.toThrow(/already contains Keystone tables \(user\)/);
  });

  it('refuses heads with missing tables', async () => {
    await syncSchema(exec, 'sqlite');
    await exec.execute('DROP TABLE token');
    await expect(syncSchema(exec, 'sqlite')).rejects.toThrow(/tables are missing: token/);
  });

  it('leaves other applications\u2019 tables alone and replaces an empty alembic_version', async () => {
    await exec.execute('CREATE TABLE someone_elses (x INTEGER)');
    await exec.execute('CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)');
    expect((await syncSchema(exec, 'sqlite')).outcome).toBe('created');
    expect(await listTables(exec, 'sqlite')).toContain('someone_elses');
    const ddl = await exec.query("SELECT sql FROM sqlite_master WHERE name = 'alembic_version'");
    expect(String(ddl[0]?.sql)).toContain('alembic_version_pkc');
  });

  it('creates nothing when a statement fails midway (one transaction)', async () => {
    // An index name Keystone needs, already taken by someone else's table.
    await exec.execute('CREATE TABLE someone_elses (x INTEGER)');
    await exec.execute('CREATE INDEX ix_token_expires ON someone_elses (x)');
    // Checked by message: better-sqlite3's native addon keeps the SqliteError class of
    // the first jest test file that loaded it in this worker, so `rejects.toThrow`
    // (which wants an Error of this file's realm) is unreliable here.
    const failure: unknown = await syncSchema(exec, 'sqlite').then(() => 'no error', (e: unknown) => e);
    expect(String((failure as { message?: unknown }).message)).toMatch(/ix_token_expires already exists/);
    expect(await listTables(exec, 'sqlite')).toEqual(['someone_elses']);
  });

  it('works through the plain BEGIN/COMMIT fallback of executors without transaction()', async () => {
    const { transaction: _unused, ...plain } = exec;
    expect((await syncSchema(plain, 'sqlite')).outcome).toBe('created');
    expect(await schemaVersion(plain, 'sqlite')).toBe('29e87d24a316');
  });
});
