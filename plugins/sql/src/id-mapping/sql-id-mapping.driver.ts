import type { IdMappingDriver, IdMappingEntry } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';

/** Keystone's `id_mapping` table. */
export class SqlIdMappingDriver implements IdMappingDriver {
  constructor(private readonly db: () => Knex) {}

  async getPublicId(local: Omit<IdMappingEntry, 'public_id'>): Promise<string | null> {
    const row = await this.db()('id_mapping').where(local).first('public_id');
    return row ? (row.public_id as string) : null;
  }

  async getIdMapping(publicId: string): Promise<IdMappingEntry | null> {
    const row = await this.db()('id_mapping').where({ public_id: publicId }).first();
    return row ? (row as IdMappingEntry) : null;
  }

  async createIdMapping(entry: IdMappingEntry): Promise<void> {
    // Two workers may map the same entity at once; the unique key makes the second a no-op.
    await this.db()('id_mapping').insert(entry).onConflict('public_id').ignore();
  }

  async deleteIdMapping(publicId: string): Promise<void> {
    await this.db()('id_mapping').where({ public_id: publicId }).delete();
  }

  async listDomainMappings(domainId: string, entityType?: 'user' | 'group'): Promise<IdMappingEntry[]> {
    const q = this.db()('id_mapping').where({ domain_id: domainId });
    if (entityType) q.where({ entity_type: entityType });
    return (await q) as IdMappingEntry[];
  }

  async purgeMappings(filter: Partial<IdMappingEntry>): Promise<void> {
    await this.db()('id_mapping').where(filter).delete();
  }
}
