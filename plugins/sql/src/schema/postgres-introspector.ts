/**
 * Snapshot of a PostgreSQL schema (the connection's current_schema()) from
 * information_schema, pg_indexes and pg_constraint, plus the non-table
 * objects Keystone leaves there: enum types, sequences and functions.
 *
 * Function bodies are not compared (ours are written independently); their
 * names, signatures and languages are.
 */
import { SchemaSnapshot, TableSnapshot, rowLine } from './schema-snapshot';
import { listTables } from './schema-state';
import { SqlExecutor } from './sql-executor';
import { quoteIdent } from './sql-identifiers';

async function tableSnapshot(exec: SqlExecutor, name: string): Promise<TableSnapshot> {
  const cols = await exec.query(
    `SELECT ordinal_position, column_name, data_type, udt_name, character_maximum_length,
            numeric_precision, datetime_precision, is_nullable, column_default
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ?
      ORDER BY ordinal_position`,
    [name],
  );
  const columns = cols.map(
    (c) =>
      `${c.ordinal_position} ${c.column_name} ${c.data_type}/${c.udt_name}` +
      ` len=${c.character_maximum_length ?? '-'} prec=${c.numeric_precision ?? '-'}/${c.datetime_precision ?? '-'}` +
      ` ${c.is_nullable === 'YES' ? 'NULL' : 'NOT NULL'} default=${c.column_default ?? '-'}`,
  );
  const idx = await exec.query(
    // indexdef names the schema; drop it so databases in different schemas compare equal.
    `SELECT indexname, replace(indexdef, ' ON ' || quote_ident(current_schema()) || '.', ' ON ') AS indexdef
       FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?`,
    [name],
  );
  const cons = await exec.query(
    `SELECT con.conname, con.contype, pg_get_constraintdef(con.oid) AS def
       FROM pg_constraint con
       JOIN pg_class rel ON rel.oid = con.conrelid
       JOIN pg_namespace ns ON ns.oid = rel.relnamespace
      WHERE ns.nspname = current_schema() AND rel.relname = ?`,
    [name],
  );
  return {
    columns,
    indexes: idx.map((i) => `${i.indexname}: ${i.indexdef}`).sort(),
    constraints: cons.map((c) => `${c.conname} (${c.contype}): ${c.def}`).sort(),
    ddl: [],
  };
}

async function objects(exec: SqlExecutor): Promise<Record<string, string[]>> {
  const enums = await exec.query(
    `SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = current_schema() GROUP BY t.typname`,
  );
  const sequences = await exec.query(
    `SELECT sequence_name, data_type, start_value, minimum_value, maximum_value, increment, cycle_option
       FROM information_schema.sequences WHERE sequence_schema = current_schema()`,
  );
  const owned = await exec.query(
    `SELECT s.relname AS seq, t.relname AS tbl, a.attname AS col
       FROM pg_class s
       JOIN pg_namespace n ON n.oid = s.relnamespace
       JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      WHERE s.relkind = 'S' AND n.nspname = current_schema()`,
  );
  const functions = await exec.query(
    `SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args,
            pg_get_function_result(p.oid) AS result, l.lanname, p.prokind
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
      WHERE n.nspname = current_schema()`,
  );
  const triggers = await exec.query(
    `SELECT tg.tgname, c.relname FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT tg.tgisinternal AND n.nspname = current_schema()`,
  );
  const relations = await exec.query(
    `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind NOT IN ('r', 'i', 'S')`,
  );
  return {
    enums: enums.map((e) => `${e.typname}: ${e.labels}`).sort(),
    sequences: sequences
      .map(
        (s) =>
          `${s.sequence_name} ${s.data_type} start=${s.start_value} min=${s.minimum_value}` +
          ` max=${s.maximum_value} inc=${s.increment} cycle=${s.cycle_option}`,
      )
      .sort(),
    'sequence owners': owned.map((o) => `${o.seq} -> ${o.tbl}.${o.col}`).sort(),
    functions: functions.map((f) => `${f.proname}(${f.args}) -> ${f.result} [${f.lanname}/${f.prokind}]`).sort(),
    triggers: triggers.map((t) => `${t.relname}.${t.tgname}`).sort(),
    'other relations': relations.map((r) => `${r.relname} (${r.relkind})`).sort(),
  };
}

/** Snapshot of the current schema, plus the rows of `rowsOf` (e.g. alembic_version). */
export async function introspectPostgres(exec: SqlExecutor, rowsOf: readonly string[] = []): Promise<SchemaSnapshot> {
  const tables: Record<string, TableSnapshot> = {};
  for (const name of await listTables(exec, 'postgresql')) tables[name] = await tableSnapshot(exec, name);
  const rows: Record<string, string[]> = {};
  for (const t of rowsOf) {
    if (!tables[t]) continue;
    rows[t] = (await exec.query(`SELECT * FROM ${quoteIdent(t, 'postgresql')}`)).map(rowLine).sort();
  }
  return { tables, objects: await objects(exec), rows };
}
