import type { DriverHints } from '@keystone-ts/plugin-sdk';
import { firstValue } from './resource-render';

const BOOLEAN_FILTERS = new Set(['enabled', 'is_domain']);

/**
 * Keystone reads boolean filters with oslo's bool_from_string (so `f`, `no`,
 * `off`... are false); core's query parser knows only `0`/`false`. Hand the
 * raw text to the driver, which parses it Keystone's way.
 */
export function rawBooleanFilters(hints: DriverHints, query: Record<string, unknown>): DriverHints {
  for (const f of hints.filters) {
    if (f.comparator === 'equals' && BOOLEAN_FILTERS.has(f.name) && query[f.name] !== undefined) {
      f.value = lastValue(query[f.name]);
    }
  }
  return hints;
}

function lastValue(v: unknown): string | undefined {
  return Array.isArray(v) ? (v.length > 0 ? String(v[v.length - 1]) : undefined) : firstValue(v);
}
