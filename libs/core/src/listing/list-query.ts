import { DriverHints, ValidationError, type FilterComparator } from '@keystone-ts/plugin-sdk';

const SUFFIXES: readonly [string, FilterComparator, boolean][] = [
  ['__icontains', 'contains', false],
  ['__contains', 'contains', true],
  ['__istartswith', 'startswith', false],
  ['__startswith', 'startswith', true],
  ['__iendswith', 'endswith', false],
  ['__endswith', 'endswith', true],
  ['__iequals', 'equals', false],
  ['__equals', 'equals', true],
];

/**
 * Turns a listing's query string into driver hints, as Keystone's
 * `build_driver_hints`: exact filters for the allowed names, `name__contains`
 * style operators for string attributes, booleans parsed as Keystone does,
 * and the list limit (`[<group>] list_limit`, else `[DEFAULT] list_limit`).
 */
export function buildHints(query: Record<string, unknown>, allowed: readonly string[], limit: number | null): DriverHints {
  const hints = new DriverHints();
  for (const [rawKey, rawValue] of Object.entries(query)) {
    const value = Array.isArray(rawValue) ? rawValue[rawValue.length - 1] : rawValue;
    if (typeof value !== 'string') continue;
    const op = SUFFIXES.find(([suffix]) => rawKey.endsWith(suffix));
    const name = op ? rawKey.slice(0, -op[0].length) : rawKey;
    if (!allowed.includes(name)) continue;
    if (op) {
      hints.addFilter(name, value, op[1], op[2]);
    } else {
      hints.addFilter(name, name === 'enabled' ? queryBoolean(value) : value);
    }
  }
  if (limit !== null && limit !== undefined) hints.setLimit(limit);
  return hints;
}

/** Keystone's query-string booleans: '0'/'false' (any case) are false, anything else true. */
export function queryBoolean(value: string): boolean {
  return !['0', 'false'].includes(value.toLowerCase());
}

/** Validates a `?param` that must be a boolean flag ("true"/"false"/"0"/"1" or bare). */
export function strictQueryBoolean(name: string, value: unknown): boolean {
  if (value === undefined) return false;
  const v = String(value).toLowerCase();
  if (v === '' || v === 'true' || v === '1' || v === 'yes') return true;
  if (v === 'false' || v === '0' || v === 'no') return false;
  throw new ValidationError(`Invalid input for field '${name}': '${value}' is not a boolean`);
}

/** Applies filters a driver left in the hints (Keystone's filter_by_attributes). */
export function applyRemainingFilters<T extends Record<string, unknown>>(refs: T[], hints: DriverHints): T[] {
  let out = refs;
  for (const f of hints.filters) {
    out = out.filter((r) => matches(r[f.name], f.value, f.comparator, f.caseSensitive));
  }
  return out;
}

function matches(actual: unknown, wanted: unknown, cmp: FilterComparator, caseSensitive: boolean): boolean {
  if (cmp === 'equals' && typeof wanted === 'boolean') return Boolean(actual) === wanted;
  if (actual === undefined || actual === null) return false;
  let a = String(actual);
  let w = String(wanted);
  if (!caseSensitive) {
    a = a.toLowerCase();
    w = w.toLowerCase();
  }
  switch (cmp) {
    case 'equals': return a === w;
    case 'contains': return a.includes(w);
    case 'startswith': return a.startsWith(w);
    case 'endswith': return a.endsWith(w);
    default: return true;
  }
}

/** Truncates to the hints' limit; returns whether anything was cut. */
export function applyLimit<T>(refs: T[], hints: DriverHints): { refs: T[]; truncated: boolean } {
  if (!hints.limit) return { refs, truncated: false };
  if (hints.limit.truncated) return { refs, truncated: true };
  if (refs.length > hints.limit.limit) return { refs: refs.slice(0, hints.limit.limit), truncated: true };
  return { refs, truncated: false };
}

/** `[<group>] list_limit`, falling back to `[DEFAULT] list_limit`. */
export function listLimit(config: { get<T>(g: string, n: string): T; registry: { get(g: string, n: string): unknown } }, group: string): number | null {
  const own = config.registry.get(group, 'list_limit') ? config.get<number | null>(group, 'list_limit') : null;
  return own ?? config.get<number | null>('DEFAULT', 'list_limit');
}
