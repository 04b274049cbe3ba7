/**
 * Snapshot of a SQLite database through sqlite_master and the pragma table
 * functions (table_info, index_list/index_info, foreign_key_list), i.e. what
 * SQLAlchemy reflection (and so Keystone) sees, plus the stored DDL text.
 */
import { SchemaSnapshot, TableSnapshot, rowLine } from './schema-snapshot';
import { listTables } from './schema-state';
import { SqlExecutor } from './sql-executor';
import { quoteIdent } from './sql-identifiers';

async function tableSnapshot(exec: SqlExecutor, name: string): Promise<TableSnapshot> {
  const cols = await exec.query('SELECT * FROM pragma_table_info(?) ORDER BY cid', [name]);
  const columns = cols.map(
    (c) =>
      `${c.cid} ${c.name} ${c.type} ${Number(c.notnull) ? 'NOT NULL' : 'NULL'}` +
      ` default=${c.dflt_value === null ? '-' : String(c.dflt_value)} pk=${c.pk}`,
  );

  const indexes: string[] = [];
  for (const idx of await exec.query('SELECT * FROM pragma_index_list(?)', [name])) {
    const parts = await exec.query('SELECT * FROM pragma_index_info(?) ORDER BY seqno', [String(idx.name)]);
    const cols = parts.map((p) => String(p.name)).join(', ');
    indexes.push(`${idx.name} unique=${idx.unique} origin=${idx.origin} partial=${idx.partial} (${cols})`);
  }

  const byId = new Map<number, Record<string, unknown>[]>();
  for (const fk of await exec.query('SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq', [name])) {
    const id = Number(fk.id);
    byId.set(id, [...(byId.get(id) ?? []), fk]);
  }
  const constraints = [...byId.values()].map((parts) => {
    const first = parts[0] as Record<string, unknown>;
    const from = parts.map((p) => String(p.from)).join(', ');
    const to = parts.map((p) => String(p.to)).join(', ');
    return (
      `FOREIGN KEY (${from}) REFERENCES ${first.table} (${to})` +
      ` ON UPDATE ${first.on_update} ON DELETE ${first.on_delete} MATCH ${first.match}`
    );
  });

  const ddlRows = await exec.query(
    'SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL',
    [name],
  );
  const ddl = ddlRows.map((r) => `${r.type} ${r.name}: ${r.sql}`);
  return { columns, indexes: indexes.sort(), constraints: constraints.sort(), ddl: ddl.sort() };
}

/** Snapshot of every table, plus the rows of `rowsOf` (e.g. alembic_version). */
export async function introspectSqlite(exec: SqlExecutor, rowsOf: readonly string[] = []): Promise<SchemaSnapshot> {
  const tables: Record<string, TableSnapshot> = {};
  for (const name of await listTables(exec, 'sqlite')) tables[name] = await tableSnapshot(exec, name);
  // Views and triggers are schema too; Keystone creates none, so any would be a difference.
  const others = await exec.query(
    "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY type, name",
  );
  const rows: Record<string, string[]> = {};
  for (const t of rowsOf) {
    if (!tables[t]) continue;
    rows[t] = (await exec.query(`SELECT * FROM ${quoteIdent(t, 'sqlite')}`)).map(rowLine).sort();
  }
  return { tables, objects: { 'views/triggers': others.map((o) => `${o.type} ${o.name}`) }, rows };
}
