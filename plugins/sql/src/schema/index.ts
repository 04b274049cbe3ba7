/** Keystone 22's SQL schema for SQLite and PostgreSQL: definitions, DDL, sync and introspection. */
// The DSL's builders have short generic names (table, text, index, ...): keep
// them under one namespace so they do not leak into the package's exports.
export type {
  SqlDialect,
  ColumnType,
  FkAction,
  ForeignKeyDef,
  UniqueDef,
  ConstraintDef,
  IndexDef,
  ColumnDef,
  TableDef,
  ColumnOptions,
  ColumnSpec,
  TableOptions,
} from './schema-dsl';
export * as schemaDsl from './schema-dsl';
export * from './sql-identifiers';
export * from './keystone-revisions';
export * from './keystone-schema';
export * from './postgresql-functions';
export * from './ddl-render';
export * from './sqlite-ddl.generator';
export * from './postgresql-ddl.generator';
export * from './ddl-generator';
export * from './schema-validator';
export * from './sql-executor';
export * from './executors';
export * from './schema-state';
export * from './schema-sync';
export * from './schema-snapshot';
export * from './sqlite-introspector';
export * from './postgres-introspector';
export * from './tables/identity.tables';
export * from './tables/federation.tables';
export * from './tables/resource.tables';
export * from './tables/assignment.tables';
export * from './tables/catalog.tables';
export * from './tables/credential.tables';
export * from './tables/token.tables';
export * from './tables/oauth1.tables';
export * from './tables/limit.tables';
