/**
 * Reading where a database stands relative to Keystone 22's schema, without
 * changing anything: which tables exist and what the version tables say.
 */
import { SqlDialect } from './schema-dsl';
import {
  ALEMBIC_VERSION_TABLE,
  KEYSTONE_22_HEADS,
  KNOWN_REVISIONS,
  MIGRATE_EXPAND_REPOSITORY,
  MIGRATE_VERSION_TABLE,
} from './keystone-revisions';
import { KEYSTONE_TABLE_NAMES } from './keystone-schema';
import { SqlExecutor } from './sql-executor';

export type SchemaState =
  /** No Keystone table and no version row: ready to be created. */
  | { readonly kind: 'empty'; readonly emptyAlembicTable: boolean }
  /** Exactly Keystone 22's heads, every table present. */
  | { readonly kind: 'current'; readonly revisions: readonly string[] }
  /** Only revisions Keystone 22 knows, but not (all of) its heads. */
  | { readonly kind: 'behind'; readonly revisions: readonly string[] }
  /** Versioned by sqlalchemy-migrate only (Keystone before Yoga). */
  | { readonly kind: 'legacy'; readonly migrateVersions: Readonly<Record<string, number>> }
  /** Revisions Keystone 22 does not know: a newer Keystone, or foreign changes. */
  | { readonly kind: 'ahead'; readonly revisions: readonly string[]; readonly unknown: readonly string[] }
  /** Keystone tables but no version information at all. */
  | { readonly kind: 'unversioned'; readonly keystoneTables: readonly string[] }
  /** Keystone 22's heads recorded, yet tables are missing. */
  | { readonly kind: 'incomplete'; readonly revisions: readonly string[]; readonly missingTables: readonly string[] };

/** Base tables of the connection's current schema (PostgreSQL) or main database (SQLite). */
export async function listTables(exec: SqlExecutor, dialect: SqlDialect): Promise<string[]> {
  const rows =
    dialect === 'sqlite'
      ? await exec.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`)
      : await exec.query(
          `SELECT c.relname AS name FROM pg_catalog.pg_class c ` +
            `JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace ` +
            `WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`,
        );
  return rows.map((r) => String(r.name)).sort();
}

export async function readAlembicRevisions(exec: SqlExecutor): Promise<string[]> {
  const rows = await exec.query(`SELECT version_num FROM ${ALEMBIC_VERSION_TABLE}`);
  return rows.map((r) => String(r.version_num)).sort();
}

export async function readMigrateVersions(exec: SqlExecutor): Promise<Record<string, number>> {
  const rows = await exec.query(`SELECT repository_id, version FROM ${MIGRATE_VERSION_TABLE}`);
  const out: Record<string, number> = {};
  for (const r of rows) out[String(r.repository_id)] = Number(r.version);
  return out;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

export async function readSchemaState(exec: SqlExecutor, dialect: SqlDialect): Promise<SchemaState> {
  const tables = new Set(await listTables(exec, dialect));
  const keystoneTables = KEYSTONE_TABLE_NAMES.filter((t) => tables.has(t));
  const revisions = tables.has(ALEMBIC_VERSION_TABLE) ? await readAlembicRevisions(exec) : [];

  if (revisions.length > 0) {
    const unknown = revisions.filter((r) => !(r in KNOWN_REVISIONS));
    if (unknown.length > 0) return { kind: 'ahead', revisions, unknown };
    if (!sameSet(revisions, KEYSTONE_22_HEADS)) return { kind: 'behind', revisions };
    const missingTables = KEYSTONE_TABLE_NAMES.filter((t) => !tables.has(t));
    if (missingTables.length > 0) return { kind: 'incomplete', revisions, missingTables };
    return { kind: 'current', revisions };
  }
  // Keystone 22 itself converts sqlalchemy-migrate databases on its first
  // db_sync; only then does alembic_version get rows.
  if (tables.has(MIGRATE_VERSION_TABLE)) {
    const migrateVersions = await readMigrateVersions(exec);
    if (Object.keys(migrateVersions).length > 0) return { kind: 'legacy', migrateVersions };
  }
  if (keystoneTables.length > 0) return { kind: 'unversioned', keystoneTables };
  return { kind: 'empty', emptyAlembicTable: tables.has(ALEMBIC_VERSION_TABLE) };
}

/**
 * What `keystone-manage db_version` prints for this database: the alembic
 * revision of the expand branch, else the sqlalchemy-migrate version of the
 * expand repository, else `None`. Unknown revisions make Keystone fail, and
 * so do we.
 */
export async function readDbVersion(exec: SqlExecutor, dialect: SqlDialect): Promise<string> {
  const tables = new Set(await listTables(exec, dialect));
  if (tables.has(ALEMBIC_VERSION_TABLE)) {
    const revisions = await readAlembicRevisions(exec);
    const unknown = revisions.filter((r) => !(r in KNOWN_REVISIONS));
    if (unknown.length > 0) {
      throw new Error(`alembic_version holds revision(s) unknown to Keystone 22: ${unknown.join(', ')}`);
    }
    const expand = revisions.find((r) => KNOWN_REVISIONS[r] === 'expand');
    if (expand) return expand;
  }
  if (tables.has(MIGRATE_VERSION_TABLE)) {
    const versions = await readMigrateVersions(exec);
    const v = versions[MIGRATE_EXPAND_REPOSITORY];
    if (v !== undefined) return String(v);
  }
  return 'None';
}
