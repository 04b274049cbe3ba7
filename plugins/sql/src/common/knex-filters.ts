import type { DriverHints, HintFilter } from '@keystone-ts/plugin-sdk';

type QB = {
  where(col: string, op: string, v: unknown): QB;
  whereRaw(sql: string, bindings: unknown[]): QB;
};

/** Escapes LIKE wildcards so `name__contains=a_b` matches literally. */
function likeEscape(v: string): string {
  return v.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Applies the hints whose attribute maps to a column and removes them from
 * the hints, as Keystone's `filter_limit_query` does; the manager applies
 * whatever is left. Column values are SQL expressions we own (e.g.
 * `COALESCE(lu.name, nl.name)`), never client input.
 */
export function applyHintFilters(qb: QB, hints: DriverHints, columns: Readonly<Record<string, string>>, toDb: (name: string, v: unknown) => unknown = (_n, v) => v): void {
  for (const f of [...hints.filters]) {
    const col = columns[f.name];
    if (!col) continue;
    applyOne(qb, col, f, toDb(f.name, f.value));
    // A case-sensitive pattern is narrowed in SQL case-insensitively (LIKE
    // differs between SQLite and PostgreSQL); the manager re-checks it exactly.
    if (f.comparator === 'equals' || !f.caseSensitive) hints.removeFilter(f);
  }
}

function applyOne(qb: QB, col: string, f: HintFilter, value: unknown): void {
  if (f.comparator === 'equals' && f.caseSensitive) {
    // `col` is one of our own constant expressions, never client input.
    qb.whereRaw(`${col} = ?`, [value]);
    return;
  }
  const v = String(value);
  const pattern =
    f.comparator === 'contains' ? `%${likeEscape(v)}%` : f.comparator === 'startswith' ? `${likeEscape(v)}%` : f.comparator === 'endswith' ? `%${likeEscape(v)}` : likeEscape(v);
  qb.whereRaw(`LOWER(${col}) LIKE LOWER(?) ESCAPE '\\'`, [pattern]);
}
