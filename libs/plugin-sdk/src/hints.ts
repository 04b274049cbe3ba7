/**
 * Filters and limits a listing asks of a driver. A driver that satisfies a
 * filter removes it, so the manager applies only what is left (as Keystone's
 * `driver_hints.Hints` does); a driver that truncates sets `truncated`.
 */
export type FilterComparator = 'equals' | 'contains' | 'startswith' | 'endswith' | 'lt' | 'lte' | 'gt' | 'gte' | 'neq';

export interface HintFilter {
  name: string;
  value: unknown;
  comparator: FilterComparator;
  caseSensitive: boolean;
}

export class DriverHints {
  filters: HintFilter[] = [];
  limit: { limit: number; truncated: boolean } | null = null;

  addFilter(name: string, value: unknown, comparator: FilterComparator = 'equals', caseSensitive = true): this {
    this.filters.push({ name, value, comparator, caseSensitive });
    return this;
  }

  getExactFilterByName(name: string): HintFilter | undefined {
    return this.filters.find((f) => f.name === name && f.comparator === 'equals');
  }

  removeFilter(filter: HintFilter): void {
    this.filters = this.filters.filter((f) => f !== filter);
  }

  setLimit(limit: number, truncated = false): this {
    this.limit = { limit, truncated };
    return this;
  }
}
