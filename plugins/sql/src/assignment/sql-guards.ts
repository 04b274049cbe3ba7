import { ValidationError } from '@keystone-ts/plugin-sdk';

/**
 * Keystone's models refuse a string longer than its column before any SQL
 * runs (StringLengthExceeded, a 400). Doing the same keeps PostgreSQL from
 * answering "value too long" with a 500, and SQLite from storing what
 * Keystone never would.
 */
export function assertLength(column: string, value: unknown, length: number): void {
  if (value === null || value === undefined) return;
  const s = typeof value === 'string' ? value : String(value);
  if (s.length > length) {
    throw new ValidationError(`String length exceeded. The length of string '${s}' exceeds the limit of column ${column}(CHAR(${length})).`);
  }
}

/**
 * PostgreSQL refuses NUL in text (a 500 if it reached it) and no stored id
 * or name can hold one, so a value with NUL matches nothing on reads and is
 * refused (400) on writes, the same on both dialects.
 */
export function hasNul(...values: unknown[]): boolean {
  return values.some((v) => (Array.isArray(v) ? v.some((x) => hasNul(x)) : typeof v === 'string' && v.includes('\u0000')));
}

export function assertNoNul(field: string, ...values: unknown[]): void {
  if (hasNul(...values)) throw ValidationError.field(field, 'NUL characters are not allowed');
}

/** A unique or primary-key violation, on SQLite (better-sqlite3) or PostgreSQL. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A foreign-key violation (a role deleted while someone granted it). */
export function isForeignKeyViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Keystone's JsonBlob columns hold JSON text; a broken value reads as itself. */
export function parseJsonValue(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
