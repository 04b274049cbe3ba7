/**
 * Bringing a database to Keystone 22's schema, the way `keystone-manage
 * db_sync` would on a fresh database, and refusing everything else.
 *
 * keystone-ts does not migrate: an empty database gets the complete schema
 * plus the alembic rows Keystone writes, so Keystone's own tools see it as
 * current; a database already at Keystone 22's heads is used as is; anything
 * older or newer is for Keystone's db_sync (or a newer keystone-ts) to handle.
 */
import { SqlDialect } from './schema-dsl';
import { assertDialect, generateDdl, generateSeed } from './ddl-generator';
import { KEYSTONE_22_HEADS, KEYSTONE_RELEASE } from './keystone-revisions';
import { DatabaseSchema, KEYSTONE_SCHEMA } from './keystone-schema';
import { SchemaState, readDbVersion, readSchemaState } from './schema-state';
import { SqlExecutor, inTransaction } from './sql-executor';

export type SyncOutcome = 'created' | 'up-to-date';

export interface SyncResult {
  readonly outcome: SyncOutcome;
  /** The alembic revisions the database is at afterwards. */
  readonly revisions: readonly string[];
}

/** The database is in a state keystone-ts will not touch; the message says what to do. */
export class SchemaVersionError extends Error {
  constructor(
    message: string,
    readonly state: SchemaState,
  ) {
    super(message);
    this.name = 'SchemaVersionError';
  }
}

const HEADS = KEYSTONE_22_HEADS.join(', ');

function list(items: readonly string[], max = 8): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')}, ... (${items.length} in all)`;
}

export function describeState(state: SchemaState): string {
  switch (state.kind) {
    case 'empty':
      return 'the database holds no Keystone schema yet';
    case 'current':
      return `the database is at ${KEYSTONE_RELEASE} (alembic ${state.revisions.join(', ')})`;
    case 'behind':
      return (
        `the database schema is at alembic revision(s) ${state.revisions.join(', ')}, older than ` +
        `${KEYSTONE_RELEASE} (${HEADS}). Upgrade it with Keystone 22's own tool first: ` +
        '`keystone-manage db_sync` (or --expand then --contract), then start keystone-ts again'
      );
    case 'legacy': {
      const versions = Object.entries(state.migrateVersions)
        .map(([repo, v]) => `${repo}=${v}`)
        .join(', ');
      return (
        `the database is still versioned by sqlalchemy-migrate (${versions}), i.e. made by a Keystone ` +
        `release before Yoga. Upgrade it with Keystone 22's \`keystone-manage db_sync\` first (from ` +
        'releases older than Queens, go through the intermediate Keystone releases), then start keystone-ts again'
      );
    }
    case 'ahead':
      return (
        `the database has alembic revision(s) ${state.unknown.join(', ')} unknown to ${KEYSTONE_RELEASE}: ` +
        'it was most likely upgraded by a newer Keystone. keystone-ts implements the Keystone 22 schema ' +
        'and will neither use nor change it; point it at a Keystone 22 database'
      );
    case 'unversioned':
      return (
        `the database already contains Keystone tables (${list(state.keystoneTables)}) but no version ` +
        'information (no alembic_version or migrate_version rows). Refusing to guess its schema: use an ' +
        'empty database, or one made by `keystone-manage db_sync`'
      );
    case 'incomplete':
      return (
        `alembic_version says ${KEYSTONE_RELEASE} (${state.revisions.join(', ')}) but tables are missing: ` +
        `${list(state.missingTables)}. Restore the database from a backup or recreate it`
      );
  }
}

/** Serialises concurrent creators on one PostgreSQL database (any fixed key would do). */
const PG_SCHEMA_LOCK_KEY = 0x6b737473; // "ksts"

/**
 * Creates Keystone 22's schema on an empty database (in one transaction),
 * does nothing when the database is already at Keystone 22's heads, and
 * throws {@link SchemaVersionError} otherwise.
 */
export async function syncSchema(
  exec: SqlExecutor,
  dialect: SqlDialect,
  schema: DatabaseSchema = KEYSTONE_SCHEMA,
): Promise<SyncResult> {
  assertDialect(dialect);
  const state = await readSchemaState(exec, dialect);
  if (state.kind === 'current') return { outcome: 'up-to-date', revisions: state.revisions };
  if (state.kind !== 'empty') throw new SchemaVersionError(`Cannot sync the database: ${describeState(state)}.`, state);

  // SQLite: BEGIN IMMEDIATE takes the write lock before we look again.
  const begin = dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN';
  return inTransaction(
    exec,
    async (tx) => {
      if (dialect === 'postgresql') await tx.query(`SELECT pg_advisory_xact_lock(${PG_SCHEMA_LOCK_KEY})`);
      // Another process may have created the schema while we waited for the lock.
      const now = await readSchemaState(tx, dialect);
      if (now.kind === 'current') return { outcome: 'up-to-date', revisions: now.revisions } as const;
      if (now.kind !== 'empty') throw new SchemaVersionError(`Cannot sync the database: ${describeState(now)}.`, now);
      // An empty alembic_version left by an interrupted first run is recreated with the rest.
      if (now.emptyAlembicTable) await tx.execute('DROP TABLE alembic_version');
      for (const statement of [...generateDdl(dialect, schema), ...generateSeed(dialect, schema)]) {
        await tx.execute(statement);
      }
      return { outcome: 'created', revisions: [...KEYSTONE_22_HEADS].sort() } as const;
    },
    begin,
  );
}

/**
 * What `keystone-manage db_version` prints for this database (Keystone 22
 * prints the expand-branch revision, e.g. `29e87d24a316`, or `None`).
 */
export async function schemaVersion(exec: SqlExecutor, dialect?: SqlDialect): Promise<string> {
  const d = dialect ?? exec.dialect;
  if (!d) throw new Error('schemaVersion: pass the dialect (this executor does not declare one)');
  assertDialect(d);
  return readDbVersion(exec, d);
}
