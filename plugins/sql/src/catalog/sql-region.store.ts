import { Conflict, Forbidden, NotFound, type DriverHints, type NewRegion, type RegionRecord } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { applyHintFilters } from '../common/knex-filters';
import { REGION_COLUMNS, assertFits, extrasOf, splitExtra, toRegion } from './catalog-rows';

const REGION_FILTER_COLUMNS = { id: 'id', description: 'description', parent_region_id: 'parent_region_id' };

/** Regions in Keystone's `region` table: an adjacency list with no foreign key on the parent. */
export class SqlRegionStore {
  constructor(private readonly db: () => Knex) {}

  async create(region: NewRegion): Promise<RegionRecord> {
    const { cols, extra } = splitExtra(region, REGION_COLUMNS);
    assertFits('region', cols);
    await this.db().transaction(async (trx) => {
      if (await trx('region').where({ id: region.id }).first('id')) {
        throw Conflict.duplicate('region', `Duplicate ID, ${region.id}.`);
      }
      if (region.parent_region_id) await this.row(trx, region.parent_region_id);
      await trx('region').insert({ id: region.id, description: cols.description ?? '', parent_region_id: cols.parent_region_id ?? null, extra });
    });
    return this.get(region.id);
  }

  /** Never truncated: Keystone calls list_regions without a limit. */
  async list(hints: DriverHints): Promise<RegionRecord[]> {
    const q = this.db()('region').select('*');
    applyHintFilters(q as never, hints, REGION_FILTER_COLUMNS);
    return (await q).map(toRegion);
  }

  async get(regionId: string): Promise<RegionRecord> {
    return toRegion(await this.row(this.db(), regionId));
  }

  async update(regionId: string, patch: Partial<NewRegion>): Promise<RegionRecord> {
    await this.db().transaction(async (trx) => {
      if (patch.parent_region_id) await this.row(trx, patch.parent_region_id);
      const merged = { ...toRegion(await this.row(trx, regionId)), ...patch, id: regionId };
      const { cols } = splitExtra(merged, REGION_COLUMNS);
      assertFits('region', cols);
      await trx('region')
        .where({ id: regionId })
        .update({
          description: cols.description ?? '',
          parent_region_id: cols.parent_region_id ?? null,
          extra: JSON.stringify(extrasOf(merged, REGION_COLUMNS)),
        });
    });
    return this.get(regionId);
  }

  /**
   * Deletes the region and its whole subtree, unless an endpoint lives
   * anywhere in it. Three reads whatever the tree's depth; a visited set keeps
   * a corrupt (cyclic) hierarchy from looping.
   */
  async delete(regionId: string): Promise<void> {
    await this.db().transaction(async (trx) => {
      await this.row(trx, regionId);
      const regions = (await trx('region').select('id', 'parent_region_id')) as { id: string; parent_region_id: string | null }[];
      const subtree = subtreeOf(regionId, regions);
      const inSubtree = new Set(subtree);
      const used = (await trx('endpoint').distinct('region_id').whereNotNull('region_id')) as { region_id: string }[];
      if (used.some((r) => inSubtree.has(r.region_id))) {
        throw new Forbidden(`Unable to delete region ${regionId} because it or its child regions have associated endpoints.`);
      }
      for (let i = 0; i < subtree.length; i += 500) await trx('region').whereIn('id', subtree.slice(i, i + 500)).delete();
    });
  }

  private async row(db: Knex | Knex.Transaction, regionId: string): Promise<Record<string, unknown>> {
    const row = await db('region').where({ id: regionId }).first();
    if (!row) throw NotFound.entity('region', regionId);
    return row as Record<string, unknown>;
  }
}

/** The region and every region below it, root first. */
export function subtreeOf(rootId: string, regions: readonly { id: string; parent_region_id: string | null }[]): string[] {
  const children = new Map<string, string[]>();
  for (const r of regions) {
    if (r.parent_region_id === null) continue;
    const list = children.get(r.parent_region_id) ?? [];
    list.push(r.id);
    children.set(r.parent_region_id, list);
  }
  const seen = new Set<string>([rootId]);
  const queue = [rootId];
  for (let i = 0; i < queue.length; i++) {
    for (const child of children.get(queue[i]) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      queue.push(child);
    }
  }
  return queue;
}
