/**
 * A dialect-specific, normalised picture of a live database's schema, as
 * lines of text per table and per category, so two databases (Keystone's and
 * ours) can be compared exhaustively and the differences read by a person.
 */

export interface TableSnapshot {
  /** One line per column, in column order: position, name, type, nullability, default. */
  readonly columns: readonly string[];
  /** One line per index (including implicit ones), sorted. */
  readonly indexes: readonly string[];
  /** One line per constraint / foreign key, sorted. */
  readonly constraints: readonly string[];
  /** Stored DDL text where the database keeps it (SQLite), sorted. */
  readonly ddl: readonly string[];
}

export interface SchemaSnapshot {
  readonly tables: Readonly<Record<string, TableSnapshot>>;
  /** Schema objects outside tables (enum types, sequences, functions, ...), by category. */
  readonly objects: Readonly<Record<string, readonly string[]>>;
  /** Rows of the given tables, rendered as sorted JSON lines. */
  readonly rows: Readonly<Record<string, readonly string[]>>;
}

function diffLines(where: string, expected: readonly string[], actual: readonly string[], ordered: boolean): string[] {
  const out: string[] = [];
  if (ordered) {
    const n = Math.max(expected.length, actual.length);
    for (let i = 0; i < n; i++) {
      if (expected[i] !== actual[i]) {
        out.push(`${where}[${i}]: expected ${JSON.stringify(expected[i])}, got ${JSON.stringify(actual[i])}`);
      }
    }
    return out;
  }
  const a = new Set(actual);
  const e = new Set(expected);
  for (const line of expected) if (!a.has(line)) out.push(`${where}: missing ${JSON.stringify(line)}`);
  for (const line of actual) if (!e.has(line)) out.push(`${where}: unexpected ${JSON.stringify(line)}`);
  return out;
}

function diffRecord(
  where: string,
  expected: Readonly<Record<string, readonly string[]>>,
  actual: Readonly<Record<string, readonly string[]>>,
): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    out.push(...diffLines(`${where} ${key}`, expected[key] ?? [], actual[key] ?? [], false));
  }
  return out;
}

/** Every difference between two snapshots; empty when they describe the same schema. */
export function diffSnapshots(expected: SchemaSnapshot, actual: SchemaSnapshot): string[] {
  const out: string[] = [];
  const names = new Set([...Object.keys(expected.tables), ...Object.keys(actual.tables)]);
  for (const name of [...names].sort()) {
    const e = expected.tables[name];
    const a = actual.tables[name];
    if (!e) {
      out.push(`table ${name}: unexpected`);
      continue;
    }
    if (!a) {
      out.push(`table ${name}: missing`);
      continue;
    }
    out.push(...diffLines(`table ${name} columns`, e.columns, a.columns, true));
    out.push(...diffLines(`table ${name} indexes`, e.indexes, a.indexes, false));
    out.push(...diffLines(`table ${name} constraints`, e.constraints, a.constraints, false));
    out.push(...diffLines(`table ${name} ddl`, e.ddl, a.ddl, false));
  }
  out.push(...diffRecord('objects', expected.objects, actual.objects));
  out.push(...diffRecord('rows', expected.rows, actual.rows));
  return out;
}

/** Stable JSON for a row: keys sorted, so column order does not matter. */
export function rowLine(row: Record<string, unknown>): string {
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(row).sort()) {
    const v = row[k];
    sorted[k] = typeof v === 'bigint' ? v.toString() : v instanceof Date ? v.toISOString() : v;
  }
  return JSON.stringify(sorted);
}
