/**
 * Consistency checks over schema definitions, so a typo in a table file fails
 * a unit test instead of a db_sync: every referenced column exists, foreign
 * keys point at earlier tables and at a key, and names that share a
 * namespace on PostgreSQL (tables, indexes, key/unique constraints, types) do
 * not collide.
 */
import { TableDef } from './schema-dsl';
import { DatabaseSchema } from './keystone-schema';

function checkTable(
  t: TableDef,
  earlier: ReadonlyMap<string, TableDef>,
  all: ReadonlyMap<string, TableDef>,
  problems: string[],
): void {
  const cols = new Set<string>();
  for (const c of t.columns) {
    if (cols.has(c.name)) problems.push(`${t.name}: duplicate column ${c.name}`);
    cols.add(c.name);
    if (c.autoIncrement && (c.type.kind !== 'integer' || t.primaryKey.join() !== c.name)) {
      problems.push(`${t.name}.${c.name}: autoIncrement needs a single-column INTEGER primary key`);
    }
    if (c.type.kind === 'varchar' && !(c.type.length > 0)) problems.push(`${t.name}.${c.name}: bad length`);
  }
  const need = (what: string, names: readonly string[]) => {
    if (names.length === 0) problems.push(`${t.name}: ${what} has no columns`);
    for (const n of names) if (!cols.has(n)) problems.push(`${t.name}: ${what} names unknown column ${n}`);
  };
  if (t.primaryKey.length > 0) need('primary key', t.primaryKey);
  for (const idx of t.indexes) need(`index ${idx.name}`, idx.columns);
  for (const c of t.constraints) {
    need(`${c.kind} ${c.name ?? '(unnamed)'}`, c.columns);
    if (c.kind !== 'foreignKey') continue;
    // PostgreSQL checks the target exists at CREATE TABLE; SQLite does not, so
    // a SQLite-only key may point at a table created later.
    const onPostgres = !c.dialects || c.dialects.includes('postgresql');
    const target = c.refTable === t.name ? t : (onPostgres ? earlier : all).get(c.refTable);
    if (!target) {
      problems.push(`${t.name}: foreign key to ${c.refTable}, which is not created before it`);
      continue;
    }
    if (c.refColumns.length !== c.columns.length) problems.push(`${t.name}: foreign key column counts differ`);
    const targetCols = new Set(target.columns.map((x) => x.name));
    for (const rc of c.refColumns) if (!targetCols.has(rc)) problems.push(`${t.name}: references ${c.refTable}.${rc}`);
    // PostgreSQL requires the referenced columns to be exactly a primary key or unique constraint.
    const keys = [target.primaryKey, ...target.constraints.filter((k) => k.kind === 'unique').map((k) => k.columns)];
    const wanted = [...c.refColumns].sort().join();
    if (!keys.some((k) => [...k].sort().join() === wanted)) {
      problems.push(`${t.name}: foreign key to ${c.refTable}(${c.refColumns.join()}) which is not a key`);
    }
  }
}

/** Returns every problem found (empty when the schema is consistent). */
export function validateSchema(schema: DatabaseSchema): string[] {
  const problems: string[] = [];
  const earlier = new Map<string, TableDef>();
  const all = new Map(schema.tables.map((t) => [t.name, t] as const));
  // PostgreSQL keeps tables, indexes (so key/unique constraints) and types in one namespace.
  const relationNames = new Map<string, string>();
  const claim = (name: string, what: string) => {
    const prior = relationNames.get(name);
    if (prior && prior !== what) problems.push(`name ${name} used by ${prior} and by ${what}`);
    relationNames.set(name, what);
  };
  for (const t of schema.tables) {
    if (earlier.has(t.name)) problems.push(`table ${t.name} defined twice`);
    checkTable(t, earlier, all, problems);
    claim(t.name, `table ${t.name}`);
    if (t.primaryKeyName) claim(t.primaryKeyName, `primary key of ${t.name}`);
    for (const idx of t.indexes) claim(idx.name, `index ${idx.name} on ${t.name}`);
    for (const c of t.constraints) if (c.kind === 'unique' && c.name) claim(c.name, `unique ${c.name} on ${t.name}`);
    for (const c of t.columns) if (c.type.kind === 'enum') claim(c.type.name, `type ${c.type.name}`);
    earlier.set(t.name, t);
  }
  return problems;
}
