/** One entry point over the per-dialect generators. */
import { SqlDialect } from './schema-dsl';
import { DatabaseSchema, KEYSTONE_SCHEMA } from './keystone-schema';
import { generatePostgresDdl, generatePostgresSeed } from './postgresql-ddl.generator';
import { generateSqliteDdl, generateSqliteSeed } from './sqlite-ddl.generator';

export const SQL_DIALECTS: readonly SqlDialect[] = ['sqlite', 'postgresql'];

export function assertDialect(dialect: string): asserts dialect is SqlDialect {
  if (!(SQL_DIALECTS as readonly string[]).includes(dialect)) {
    throw new Error(`unsupported SQL dialect '${dialect}' (supported: ${SQL_DIALECTS.join(', ')})`);
  }
}

/** Every statement that creates the schema on an empty database, in order. */
export function generateDdl(dialect: SqlDialect, schema: DatabaseSchema = KEYSTONE_SCHEMA): string[] {
  assertDialect(dialect);
  return dialect === 'sqlite' ? generateSqliteDdl(schema) : generatePostgresDdl(schema);
}

/** The rows a fresh database starts with (root domain project, alembic heads). */
export function generateSeed(dialect: SqlDialect, schema: DatabaseSchema = KEYSTONE_SCHEMA): string[] {
  assertDialect(dialect);
  return dialect === 'sqlite' ? generateSqliteSeed(schema) : generatePostgresSeed(schema);
}

/** The whole script, e.g. for `keystone-manage db_sync --sql`-style output. */
export function generateScript(dialect: SqlDialect, schema: DatabaseSchema = KEYSTONE_SCHEMA): string {
  return [...generateDdl(dialect, schema), ...generateSeed(dialect, schema)].map((s) => `${s};\n`).join('\n');
}
