/**
 * Dialect-neutral rendering of CREATE TABLE / CREATE INDEX / INSERT.
 *
 * The layout is deliberately the one Keystone's DDL has (columns, then the
 * primary key, then unique and foreign-key constraints in declaration order,
 * `\n\t` between items): SQLite keeps this text in sqlite_master and numbers
 * its implicit indexes by constraint position, so matching it byte for byte
 * makes our databases indistinguishable from Keystone's.
 */
import { ColumnDef, ConstraintDef, IndexDef, SqlDialect, TableDef } from './schema-dsl';
import { forceQuoteIdent, quoteIdent, quoteList, stringLiteral, valueLiteral } from './sql-identifiers';
import type { SeedRow } from './keystone-schema';

/** What differs between dialects when rendering a table. */
export interface DialectSpelling {
  readonly dialect: SqlDialect;
  /** The column's type as written in DDL (may depend on autoIncrement). */
  columnType(column: ColumnDef): string;
  /** The table name as written in CREATE TABLE. */
  tableName(table: TableDef): string;
}

function renderColumn(column: ColumnDef, spelling: DialectSpelling): string {
  let out = `${quoteIdent(column.name, spelling.dialect)} ${spelling.columnType(column)}`;
  if (column.serverDefault !== undefined) out += ` DEFAULT ${stringLiteral(column.serverDefault)}`;
  if (!column.nullable) out += ' NOT NULL';
  return out;
}

function renderConstraint(c: ConstraintDef, dialect: SqlDialect): string {
  const prefix = c.name ? `CONSTRAINT ${quoteIdent(c.name, dialect)} ` : '';
  if (c.kind === 'unique') return `${prefix}UNIQUE (${quoteList(c.columns, dialect)})`;
  let out =
    `${prefix}FOREIGN KEY(${quoteList(c.columns, dialect)}) ` +
    `REFERENCES ${quoteIdent(c.refTable, dialect)} (${quoteList(c.refColumns, dialect)})`;
  if (c.onDelete) out += ` ON DELETE ${c.onDelete}`;
  if (c.onUpdate) out += ` ON UPDATE ${c.onUpdate}`;
  return out;
}

/** CREATE TABLE for a table whose dialect-only constraints were already resolved. */
export function renderCreateTable(table: TableDef, spelling: DialectSpelling): string {
  const d = spelling.dialect;
  const items = table.columns.map((c) => renderColumn(c, spelling));
  if (table.primaryKey.length > 0) {
    const name = table.primaryKeyName ? `CONSTRAINT ${quoteIdent(table.primaryKeyName, d)} ` : '';
    items.push(`${name}PRIMARY KEY (${quoteList(table.primaryKey, d)})`);
  }
  for (const c of table.constraints) items.push(renderConstraint(c, d));
  return `CREATE TABLE ${spelling.tableName(table)} (\n\t${items.join(', \n\t')}\n)`;
}

export function renderCreateIndex(table: TableDef, idx: IndexDef, dialect: SqlDialect): string {
  const kind = idx.unique ? 'UNIQUE INDEX' : 'INDEX';
  return (
    `CREATE ${kind} ${quoteIdent(idx.name, dialect)} ` +
    `ON ${quoteIdent(table.name, dialect)} (${quoteList(idx.columns, dialect)})`
  );
}

export function renderInsert(row: SeedRow, dialect: SqlDialect): string {
  const cols = Object.keys(row.values);
  const values = cols.map((c) => valueLiteral(row.values[c] ?? null, dialect));
  return `INSERT INTO ${quoteIdent(row.table, dialect)} (${quoteList(cols, dialect)}) VALUES (${values.join(', ')})`;
}

/** The plain table name, or always quoted when SQLite would have stored it quoted. */
export function sqliteTableName(table: TableDef): string {
  return table.sqliteRebuilt ? forceQuoteIdent(table.name) : quoteIdent(table.name, 'sqlite');
}
