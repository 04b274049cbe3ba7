/**
 * A small, declarative way to write down tables, kept close to how Keystone's
 * migrations describe them so each definition can be checked against Keystone
 * by eye: columns with type/length/nullability/server default, then primary
 * key, unique constraints, foreign keys and indexes with Keystone's names.
 *
 * Definitions are plain data (no SQL inside); the per-dialect generators turn
 * them into DDL. Emission order matters for exactness (SQLite numbers its
 * implicit indexes `sqlite_autoindex_<table>_<n>` in constraint order), so the
 * helpers below preserve the order things are written in.
 */

export type SqlDialect = 'sqlite' | 'postgresql';

export type ColumnType =
  | { readonly kind: 'varchar'; readonly length: number }
  | { readonly kind: 'text' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'datetime' }
  | { readonly kind: 'date' }
  /** A named enumeration: a real type on PostgreSQL, a VARCHAR elsewhere. */
  | { readonly kind: 'enum'; readonly name: string; readonly values: readonly string[] };

export type FkAction = 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION';

export interface ForeignKeyDef {
  readonly kind: 'foreignKey';
  /** null: left unnamed, so PostgreSQL picks `<table>_<column>_fkey` itself. */
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onDelete?: FkAction;
  readonly onUpdate?: FkAction;
  /** Only created on these dialects (Keystone has a few SQLite-only leftovers). */
  readonly dialects?: readonly SqlDialect[];
}

export interface UniqueDef {
  readonly kind: 'unique';
  /** null: unnamed, PostgreSQL then names it `<table>_<cols>_key`. */
  readonly name: string | null;
  readonly columns: readonly string[];
}

export type ConstraintDef = ForeignKeyDef | UniqueDef;

export interface IndexDef {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique?: boolean;
}

export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  /** Server-side default, a string literal exactly as Keystone declares it. */
  readonly serverDefault?: string;
  /** Integer surrogate key filled by the database (SERIAL on PostgreSQL). */
  readonly autoIncrement?: boolean;
}

export interface TableDef {
  readonly name: string;
  readonly columns: readonly ColumnDef[];
  readonly primaryKey: readonly string[];
  /** Only when Keystone names it; otherwise PostgreSQL's `<table>_pkey` applies. */
  readonly primaryKeyName?: string;
  /** Unique constraints and foreign keys, in the order they are emitted. */
  readonly constraints: readonly ConstraintDef[];
  readonly indexes: readonly IndexDef[];
  /**
   * Keystone's SQLite migration rebuilt this table (create a temporary copy,
   * then rename it); SQLite records a renamed table's name quoted in
   * sqlite_master, and we reproduce that text exactly.
   */
  readonly sqliteRebuilt?: boolean;
}

/** Column-level shorthands, expanded by {@link table} after table-level constraints. */
export interface ColumnOptions {
  readonly primaryKey?: boolean;
  readonly notNull?: boolean;
  readonly default?: string;
  readonly autoIncrement?: boolean;
  /** An unnamed single-column UNIQUE constraint. */
  readonly unique?: boolean;
  readonly references?: {
    readonly table: string;
    readonly column: string;
    readonly name?: string;
    readonly onDelete?: FkAction;
    readonly onUpdate?: FkAction;
  };
}

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly options: ColumnOptions;
}

export const types = {
  varchar: (length: number): ColumnType => ({ kind: 'varchar', length }),
  text: (): ColumnType => ({ kind: 'text' }),
  integer: (): ColumnType => ({ kind: 'integer' }),
  bigint: (): ColumnType => ({ kind: 'bigint' }),
  boolean: (): ColumnType => ({ kind: 'boolean' }),
  datetime: (): ColumnType => ({ kind: 'datetime' }),
  date: (): ColumnType => ({ kind: 'date' }),
  enumOf: (name: string, values: readonly string[]): ColumnType => ({ kind: 'enum', name, values }),
} as const;

export function column(name: string, type: ColumnType, options: ColumnOptions = {}): ColumnSpec {
  return { name, type, options };
}

/** Short forms for the column types Keystone uses most. */
export const varchar = (name: string, length: number, o?: ColumnOptions) => column(name, types.varchar(length), o);
export const text = (name: string, o?: ColumnOptions) => column(name, types.text(), o);
export const integer = (name: string, o?: ColumnOptions) => column(name, types.integer(), o);
export const bigint = (name: string, o?: ColumnOptions) => column(name, types.bigint(), o);
export const boolean = (name: string, o?: ColumnOptions) => column(name, types.boolean(), o);
export const datetime = (name: string, o?: ColumnOptions) => column(name, types.datetime(), o);
export const date = (name: string, o?: ColumnOptions) => column(name, types.date(), o);

export function unique(name: string | null, columns: readonly string[]): UniqueDef {
  return { kind: 'unique', name, columns };
}

export function foreignKey(
  name: string | null,
  columns: readonly string[],
  refTable: string,
  refColumns: readonly string[],
  actions: { onDelete?: FkAction; onUpdate?: FkAction; dialects?: readonly SqlDialect[] } = {},
): ForeignKeyDef {
  return { kind: 'foreignKey', name, columns, refTable, refColumns, ...actions };
}

export function index(name: string, columns: readonly string[]): IndexDef {
  return { name, columns };
}

export interface TableOptions {
  /** Composite primary key; single-column keys can use `primaryKey: true` on the column. */
  readonly primaryKey?: readonly string[];
  readonly primaryKeyName?: string;
  readonly constraints?: readonly ConstraintDef[];
  readonly indexes?: readonly IndexDef[];
  readonly sqliteRebuilt?: boolean;
}

/**
 * Builds a table. Column-level `unique`/`references` become constraints placed
 * after the table-level ones, in column order: the order SQLAlchemy (and so
 * Keystone's DDL) emits them in.
 */
export function table(name: string, specs: readonly ColumnSpec[], options: TableOptions = {}): TableDef {
  const columnPk = specs.filter((s) => s.options.primaryKey).map((s) => s.name);
  if (options.primaryKey && columnPk.length > 0) {
    throw new Error(`table ${name}: primary key given both on columns and on the table`);
  }
  const primaryKey = options.primaryKey ?? columnPk;
  const columns: ColumnDef[] = specs.map((s) => ({
    name: s.name,
    type: s.type,
    // Primary-key columns are NOT NULL whatever the options say, as in SQL.
    nullable: !(s.options.notNull || primaryKey.includes(s.name)),
    ...(s.options.default !== undefined ? { serverDefault: s.options.default } : {}),
    ...(s.options.autoIncrement ? { autoIncrement: true } : {}),
  }));
  const columnConstraints: ConstraintDef[] = [];
  for (const s of specs) {
    const ref = s.options.references;
    if (ref) {
      columnConstraints.push(
        foreignKey(ref.name ?? null, [s.name], ref.table, [ref.column], {
          ...(ref.onDelete ? { onDelete: ref.onDelete } : {}),
          ...(ref.onUpdate ? { onUpdate: ref.onUpdate } : {}),
        }),
      );
    }
    if (s.options.unique) columnConstraints.push(unique(null, [s.name]));
  }
  return {
    name,
    columns,
    primaryKey,
    ...(options.primaryKeyName ? { primaryKeyName: options.primaryKeyName } : {}),
    constraints: [...(options.constraints ?? []), ...columnConstraints],
    indexes: options.indexes ?? [],
    ...(options.sqliteRebuilt ? { sqliteRebuilt: true } : {}),
  };
}
