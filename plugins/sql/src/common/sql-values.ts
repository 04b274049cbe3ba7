/**
 * Value conventions of Keystone's SQLAlchemy models, so rows we write are the
 * rows Keystone writes: SQLite keeps booleans as 0/1 and datetimes as
 * 'YYYY-MM-DD HH:MM:SS.ffffff' text; PostgreSQL has native types.
 */
export type Dialect = 'sqlite' | 'postgresql';

export function toDbBool(dialect: Dialect, v: boolean | null | undefined): boolean | number | null {
  if (v === null || v === undefined) return null;
  return dialect === 'sqlite' ? (v ? 1 : 0) : v;
}

export function fromDbBool(v: unknown): boolean | null {
  if (v === null || v === undefined) return null;
  return v === true || v === 1 || v === '1' || v === 't' || v === 'true';
}

export function toDbDate(dialect: Dialect, d: Date | null | undefined): string | Date | null {
  if (!d) return null;
  if (dialect === 'postgresql') return d;
  // SQLAlchemy's SQLite DATETIME text form; microseconds always present.
  return d.toISOString().replace('T', ' ').replace('Z', '').replace(/\.(\d{3})$/, '.$1000');
}

export function fromDbDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  // SQLite text is naive UTC.
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : s.replace(' ', 'T') + 'Z');
}

/** Keystone's `DateTimeInt`: microseconds since the epoch. */
export function toDateInt(d: Date): number {
  return d.getTime() * 1000;
}

/** Keystone's ISO form in API bodies: `2026-01-02T03:04:05.000000Z`. */
export function isoMicro(d: Date | null): string | null {
  if (!d) return null;
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function parseExtra(v: unknown): Record<string, unknown> {
  if (typeof v !== 'string' || v === '') return {};
  try {
    const parsed = JSON.parse(v) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
