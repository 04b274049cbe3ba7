/**
 * PostgreSQL DDL. Differences from SQLite, all mirroring Keystone's database:
 * - DATETIME is `TIMESTAMP WITHOUT TIME ZONE` (Keystone stores naive UTC);
 * - an auto-increment integer key is SERIAL, i.e. INTEGER plus a sequence
 *   named `<table>_<column>_seq` owned by the column;
 * - enumerations are real types (CREATE TYPE ... AS ENUM), created before
 *   the first table that uses them;
 * - unnamed constraints are named by PostgreSQL itself (`<table>_pkey`,
 *   `<table>_<cols>_key`, `<table>_<col>_fkey`), which gives Keystone's names;
 * - four leftover PL/pgSQL trigger functions exist.
 */
import { ColumnDef, ColumnType, TableDef } from './schema-dsl';
import { DialectSpelling, renderCreateIndex, renderCreateTable, renderInsert } from './ddl-render';
import { DatabaseSchema, tablesFor } from './keystone-schema';
import { PgFunctionDef } from './postgresql-functions';
import { quoteIdent, stringLiteral } from './sql-identifiers';

export function postgresColumnType(type: ColumnType): string {
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
      return 'TIMESTAMP WITHOUT TIME ZONE';
    case 'date':
      return 'DATE';
    case 'enum':
      return quoteIdent(type.name, 'postgresql');
  }
}

export const postgresSpelling: DialectSpelling = {
  dialect: 'postgresql',
  columnType: (column: ColumnDef) => {
    if (column.autoIncrement) {
      if (column.type.kind !== 'integer') throw new Error(`autoIncrement needs an integer column (${column.name})`);
      return 'SERIAL';
    }
    return postgresColumnType(column.type);
  },
  tableName: (t: TableDef) => quoteIdent(t.name, 'postgresql'),
};

export function renderCreateEnum(type: Extract<ColumnType, { kind: 'enum' }>): string {
  return `CREATE TYPE ${quoteIdent(type.name, 'postgresql')} AS ENUM (${type.values.map(stringLiteral).join(', ')})`;
}

export function renderCreateFunction(fn: PgFunctionDef): string {
  // A named dollar quote, so the body may contain single quotes freely.
  return (
    `CREATE OR REPLACE FUNCTION ${quoteIdent(fn.name, 'postgresql')}() RETURNS ${fn.returns} AS ` +
    `$body$${fn.body}$body$ LANGUAGE ${fn.language}`
  );
}

export function generatePostgresDdl(schema: DatabaseSchema): string[] {
  const out: string[] = [];
  const enums = new Set<string>();
  for (const t of tablesFor(schema, 'postgresql')) {
    for (const c of t.columns) {
      if (c.type.kind === 'enum' && !enums.has(c.type.name)) {
        enums.add(c.type.name);
        out.push(renderCreateEnum(c.type));
      }
    }
    out.push(renderCreateTable(t, postgresSpelling));
    for (const idx of t.indexes) out.push(renderCreateIndex(t, idx, 'postgresql'));
  }
  for (const fn of schema.postgresFunctions) out.push(renderCreateFunction(fn));
  return out;
}

export function generatePostgresSeed(schema: DatabaseSchema): string[] {
  return schema.seedRows.map((r) => renderInsert(r, 'postgresql'));
}
