/**
 * SQLite DDL. Type names are the declared types SQLite records (and which
 * Keystone's SQLAlchemy models read back): VARCHAR(n), TEXT, INTEGER, BIGINT,
 * BOOLEAN, DATETIME, DATE. Enumerations have no SQLite type; they become a
 * VARCHAR as long as the longest value, with no CHECK constraint, as Keystone
 * has them.
 */
import { ColumnDef, ColumnType, TableDef } from './schema-dsl';
import { DialectSpelling, renderCreateIndex, renderCreateTable, renderInsert, sqliteTableName } from './ddl-render';
import { DatabaseSchema, tablesFor } from './keystone-schema';

export function sqliteColumnType(type: ColumnType): string {
  switch (type.kind) {
    case 'varchar':
      return `VARCHAR(${type.length})`;
    case 'text':
      return 'TEXT';
    case 'integer':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'boolean':
      return 'BOOLEAN';
    case 'datetime':
      return 'DATETIME';
    case 'date':
      return 'DATE';
    case 'enum':
      return `VARCHAR(${Math.max(...type.values.map((v) => v.length))})`;
  }
}

export const sqliteSpelling: DialectSpelling = {
  dialect: 'sqlite',
  // An INTEGER primary key is already SQLite's auto-assigned rowid: no keyword needed.
  columnType: (column: ColumnDef) => sqliteColumnType(column.type),
  tableName: (t: TableDef) => sqliteTableName(t),
};

/** CREATE TABLE and CREATE INDEX statements, tables in schema order, each followed by its indexes. */
export function generateSqliteDdl(schema: DatabaseSchema): string[] {
  const out: string[] = [];
  for (const t of tablesFor(schema, 'sqlite')) {
    out.push(renderCreateTable(t, sqliteSpelling));
    for (const idx of t.indexes) out.push(renderCreateIndex(t, idx, 'sqlite'));
  }
  return out;
}

export function generateSqliteSeed(schema: DatabaseSchema): string[] {
  return schema.seedRows.map((r) => renderInsert(r, 'sqlite'));
}
