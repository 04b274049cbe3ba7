import { ValidationError, type EndpointRecord, type RegionRecord, type ServiceRecord } from '@keystone-ts/plugin-sdk';
import { fromDbBool, parseExtra } from '../common/sql-values';

/**
 * Rows of Keystone's catalog tables ↔ records. Attributes that are not
 * columns go to the `extra` JSON column and come back flattened next to the
 * columns, which win (Keystone's `ModelDictMixinWithExtras`).
 */
export const REGION_COLUMNS = ['id', 'description', 'parent_region_id'] as const;
export const SERVICE_COLUMNS = ['id', 'type', 'enabled'] as const;
export const ENDPOINT_COLUMNS = ['id', 'interface', 'region_id', 'service_id', 'url', 'legacy_endpoint_id', 'enabled'] as const;

/** VARCHAR widths Keystone checks before it writes (`StringLengthExceeded`); TEXT columns are unchecked. */
const WIDTHS: Record<string, Record<string, number>> = {
  region: { id: 255, description: 255, parent_region_id: 255 },
  service: { id: 64, type: 255 },
  endpoint: { id: 64, legacy_endpoint_id: 64, interface: 8, service_id: 64, region_id: 255 },
  endpoint_group: { id: 64, name: 255 },
  project_endpoint: { endpoint_id: 64, project_id: 64 },
  project_endpoint_group: { endpoint_group_id: 64, project_id: 64 },
  // Narrower than region.id (255): a long region id cannot carry a policy, as in Keystone.
  policy_association: { policy_id: 64, endpoint_id: 64, service_id: 64, region_id: 64 },
};

/** A 400 rather than a database error (a 500 on PostgreSQL) for a value too wide for its column. */
export function assertFits(table: keyof typeof WIDTHS, values: Record<string, unknown>): void {
  for (const [column, width] of Object.entries(WIDTHS[table])) {
    const v = values[column];
    if (typeof v !== 'string' || v.length <= width) continue;
    throw new ValidationError(`String length exceeded. The length of string '${v}' exceeds the limit of column ${column}(CHAR(${width})).`);
  }
}

/** Splits a record into column values and the JSON `extra` (a client's own `extra` key is dropped, as Keystone does). */
export function splitExtra(ref: Record<string, unknown>, columns: readonly string[]): { cols: Record<string, unknown>; extra: string } {
  const cols: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ref)) {
    if (v === undefined || k === 'extra') continue;
    if (columns.includes(k)) cols[k] = v;
    else extra[k] = v;
  }
  return { cols, extra: JSON.stringify(extra) };
}

/** Everything a record shows but the columns: what a merge must carry over into `extra`. */
export function extrasOf(ref: Record<string, unknown>, columns: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(ref).filter(([k]) => !columns.includes(k)));
}

export function toRegion(row: Record<string, unknown>): RegionRecord {
  return {
    ...parseExtra(row.extra),
    id: row.id as string,
    description: (row.description as string | null) ?? '',
    parent_region_id: (row.parent_region_id as string | null) ?? null,
  };
}

export function toService(row: Record<string, unknown>): ServiceRecord {
  return {
    ...parseExtra(row.extra),
    id: row.id as string,
    type: (row.type as string | null) ?? null,
    enabled: fromDbBool(row.enabled) ?? true,
  };
}

export function toEndpoint(row: Record<string, unknown>): EndpointRecord {
  return {
    ...parseExtra(row.extra),
    id: row.id as string,
    interface: row.interface as string,
    region_id: (row.region_id as string | null) ?? null,
    service_id: row.service_id as string,
    url: row.url as string,
    legacy_endpoint_id: (row.legacy_endpoint_id as string | null) ?? null,
    enabled: fromDbBool(row.enabled) ?? true,
  };
}

/** SQLite caps bound parameters; long IN lists are split. */
export async function inChunks<T>(items: readonly string[], run: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < items.length; i += 500) out.push(...(await run(items.slice(i, i + 500))));
  return out;
}
