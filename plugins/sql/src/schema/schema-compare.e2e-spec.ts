/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Keystone 22's own `keystone-manage db_sync` on one database, our syncSchema
 * on another, then an exhaustive comparison of what each created; and
 * Keystone's db_sync / db_version / db_sync --check run against ours.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EXPAND_HEAD,
  KEYSTONE_SCHEMA,
  SchemaSnapshot,
  SqlExecutor,
  betterSqlite3Executor,
  diffSnapshots,
  introspectPostgres,
  introspectSqlite,
  knexExecutor,
  schemaVersion,
  syncSchema,
} from './index';
import {
  ManageResult,
  assertSucceeded,
  keystoneManage,
  printedValue,
  requireKeystoneManage,
  writeKeystoneConf,
} from './testing/keystone-manage.runner';
import { TestPostgres, keystoneUrlFor, startTestPostgres } from './testing/postgres-server.fixture';

const Database = require('better-sqlite3');
const knexFactory = require('knex');

/** Data the schema comes with: the alembic heads and the hidden root domain. */
const ROWS = ['alembic_version', 'project'];

/** One side of the comparison: a Keystone config and a way to open the same database. */
interface Side {
  readonly conf: string;
  open<T>(use: (exec: SqlExecutor) => Promise<T>): Promise<T>;
}

interface Target {
  readonly keystone: Side;
  readonly ours: Side;
  snapshot(exec: SqlExecutor): Promise<SchemaSnapshot>;
  /** Another empty database on the same server, for the concurrency check. */
  freshSide?(): Promise<Side>;
}

/** The shared scenario, run once per dialect. */
function compareWithKeystone(dialectName: string, setUp: () => Promise<Target>, tearDown: () => Promise<void>) {
  describe(`schema parity with Keystone 22 on ${dialectName}`, () => {
    let target: Target;
    let keystoneSnapshot: SchemaSnapshot;
    let ourSnapshot: SchemaSnapshot;

    beforeAll(async () => {
      requireKeystoneManage();
      target = await setUp();
      const dialect = dialectName === 'SQLite' ? 'sqlite' : 'postgresql';
      // Keystone's db_sync and ours are independent: run them side by side.
      const [keystoneSync] = await Promise.all([
        keystoneManage(target.keystone.conf, ['db_sync']),
        target.ours.open((exec) => syncSchema(exec, dialect)),
      ]);
      assertSucceeded('keystone-manage db_sync (Keystone database)', keystoneSync);
      keystoneSnapshot = await target.keystone.open((exec) => target.snapshot(exec));
      ourSnapshot = await target.ours.open((exec) => target.snapshot(exec));
    }, 600_000);

    afterAll(tearDown, 120_000);

    it('creates exactly what Keystone creates: tables, columns, types, defaults, keys, indexes, rows', () => {
      expect(Object.keys(keystoneSnapshot.tables)).toHaveLength(KEYSTONE_SCHEMA.tables.length);
      expect(diffSnapshots(keystoneSnapshot, ourSnapshot)).toEqual([]);
    });

    it('is seen as current by Keystone: db_sync changes nothing, db_version and --check agree', async () => {
      assertSucceeded('keystone-manage db_sync (our database)', await keystoneManage(target.ours.conf, ['db_sync']));
      const [ourVersion, keystoneVersion, check]: ManageResult[] = await Promise.all([
        keystoneManage(target.ours.conf, ['db_version']),
        keystoneManage(target.keystone.conf, ['db_version']),
        keystoneManage(target.ours.conf, ['db_sync', '--check']),
      ]);
      assertSucceeded('db_version (ours)', ourVersion!);
      assertSucceeded('db_version (Keystone)', keystoneVersion!);
      expect(printedValue(keystoneVersion!)).toBe(EXPAND_HEAD);
      expect(printedValue(ourVersion!)).toBe(EXPAND_HEAD);
      // 0 = "All db_sync commands are upgraded to the same version and up-to-date."
      expect(check!.code).toBe(0);
      const after = await target.ours.open((exec) => target.snapshot(exec));
      expect(diffSnapshots(ourSnapshot, after)).toEqual([]);
    }, 300_000);

    it("takes Keystone's database as it is and reports the version Keystone prints", async () => {
      await target.keystone.open(async (exec) => {
        expect((await syncSchema(exec, exec.dialect!)).outcome).toBe('up-to-date');
        expect(await schemaVersion(exec)).toBe(EXPAND_HEAD);
      });
      const after = await target.keystone.open((exec) => target.snapshot(exec));
      expect(diffSnapshots(keystoneSnapshot, after)).toEqual([]);
    });

    if (dialectName === 'PostgreSQL') {
      it('lets two processes start on one empty database at once: one creates, the other finds it done', async () => {
        const side = await target.freshSide!();
        const results = await Promise.all([1, 2].map(() => side.open((exec) => syncSchema(exec, 'postgresql'))));
        expect(results.map((r) => r.outcome).sort()).toEqual(['created', 'up-to-date']);
        const snap = await side.open((exec) => target.snapshot(exec));
        expect(diffSnapshots(keystoneSnapshot, snap)).toEqual([]);
      });
    }
  });
}

// ---------------------------------------------------------------- SQLite
let sqliteDir = '';
compareWithKeystone(
  'SQLite',
  async () => {
    sqliteDir = await mkdtemp(join(tmpdir(), 'keystone-ts-schema-'));
    const side = async (name: string): Promise<Side> => {
      const file = join(sqliteDir, `${name}.db`);
      return {
        conf: await writeKeystoneConf(sqliteDir, name, `sqlite:///${file}`),
        open: async (use) => {
          const db = new Database(file);
          try {
            return await use(betterSqlite3Executor(db));
          } finally {
            db.close();
          }
        },
      };
    };
    return { keystone: await side('keystone'), ours: await side('ours'), snapshot: (e) => introspectSqlite(e, ROWS) };
  },
  async () => {
    if (sqliteDir) await rm(sqliteDir, { recursive: true, force: true });
  },
);

// ---------------------------------------------------------------- PostgreSQL
// Both sides live in one database (the only one KEYSTONE_TS_TEST_PG_URL may
// grant), each in its own schema selected through search_path.
let pg: TestPostgres | undefined;
let admin: { raw(sql: string): Promise<unknown>; destroy(): Promise<void> } | undefined;
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const schemas = { keystone: `ks_ref_${suffix}`, ours: `ks_ours_${suffix}`, race: `ks_race_${suffix}` };

compareWithKeystone(
  'PostgreSQL',
  async () => {
    pg = await startTestPostgres();
    admin = knexFactory({ client: 'pg', connection: pg.url, pool: { min: 0, max: 1 } });
    const url = pg.url;
    const side = async (name: keyof typeof schemas): Promise<Side> => {
      await admin!.raw(`CREATE SCHEMA ${schemas[name]}`);
      return {
        conf: await writeKeystoneConf(tmpdir(), `keystone-ts-${schemas[name]}`, keystoneUrlFor(url, schemas[name])),
        open: async (use) => {
          const knex = knexFactory({ client: 'pg', connection: url, searchPath: [schemas[name]], pool: { min: 0, max: 2 } });
          try {
            return await use(knexExecutor(knex));
          } finally {
            await knex.destroy();
          }
        },
      };
    };
    return {
      keystone: await side('keystone'),
      ours: await side('ours'),
      snapshot: (e) => introspectPostgres(e, ROWS),
      freshSide: () => side('race'),
    };
  },
  async () => {
    try {
      for (const s of Object.values(schemas)) {
        await admin?.raw(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
        await rm(join(tmpdir(), `keystone-ts-${s}.conf`), { force: true });
      }
      await admin?.destroy();
    } finally {
      await pg?.stop();
    }
  },
);
