/**
 * Identifier quoting and literals per dialect.
 *
 * Quoting follows the rule Keystone's DDL follows: an identifier is quoted
 * only when it must be (a reserved word of that dialect, or not a plain
 * lower-case name). On SQLite this is visible: sqlite_master keeps the DDL
 * text, and ours must read the same as Keystone's (`"group"` but `user`); on
 * PostgreSQL `user` is reserved and must be quoted.
 */
import { SqlDialect } from './schema-dsl';

/** SQLite's keywords (https://www.sqlite.org/lang_keywords.html). */
const SQLITE_KEYWORDS = new Set(
  `abort action add after all alter always analyze and as asc attach autoincrement before begin between by
   cascade case cast check collate column commit conflict constraint create cross current current_date
   current_time current_timestamp database default deferrable deferred delete desc detach distinct do drop
   each else end escape except exclude exclusive exists explain fail filter first following for foreign from
   full generated glob group groups having if ignore immediate in index indexed initially inner insert
   instead intersect into is isnull join key last left like limit match materialized natural no not nothing
   notnull null nulls of offset on or order others outer over partition plan pragma preceding primary query
   raise range recursive references regexp reindex release rename replace restrict returning right rollback
   row rows savepoint select set table temp temporary then ties to transaction trigger unbounded union
   unique update using vacuum values view virtual when where window with without`.split(/\s+/),
);

/**
 * PostgreSQL's reserved key words (those that cannot be column or table
 * names unquoted); non-reserved ones such as `type`, `option`, `system` are
 * fine bare.
 */
const POSTGRESQL_RESERVED = new Set(
  `all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate
   collation column concurrently constraint create cross current_catalog current_date current_role
   current_schema current_time current_timestamp current_user default deferrable desc distinct do else end
   except false fetch for foreign freeze from full grant group having ilike in initially inner intersect into
   is isnull join lateral leading left like limit localtime localtimestamp natural not notnull null offset on
   only or order outer overlaps placing primary references returning right select session_user similar some
   symmetric system_user table tablesample then to trailing true union unique user using variadic verbose
   when where window with`.split(/\s+/),
);

const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_$]*$/;

export function needsQuoting(name: string, dialect: SqlDialect): boolean {
  const reserved = dialect === 'sqlite' ? SQLITE_KEYWORDS : POSTGRESQL_RESERVED;
  return !PLAIN_IDENTIFIER.test(name) || reserved.has(name);
}

export function quoteIdent(name: string, dialect: SqlDialect): string {
  return needsQuoting(name, dialect) ? `"${name.replace(/"/g, '""')}"` : name;
}

/** Always quoted, whatever the word (used where SQLite stored a quoted name). */
export function forceQuoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteList(names: readonly string[], dialect: SqlDialect): string {
  return names.map((n) => quoteIdent(n, dialect)).join(', ');
}

export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A literal for seed data: booleans as SQLite stores them (0/1) or as PostgreSQL booleans. */
export function valueLiteral(value: string | number | boolean | null, dialect: SqlDialect): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') {
    if (dialect === 'sqlite') return value ? '1' : '0';
    return value ? 'true' : 'false';
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot render ${value} as SQL`);
    return String(value);
  }
  return stringLiteral(value);
}
