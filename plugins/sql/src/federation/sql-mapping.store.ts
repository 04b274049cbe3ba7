import { Conflict, NotFound, type MappingRecord } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { isUniqueViolation } from '../resource/project-rows';
import { assertFits, encodeRules, toMapping } from './federation-rows';

function mappingNotFound(mappingId: string): NotFound {
  return new NotFound(`Could not find mapping: ${mappingId}.`);
}

/** Mappings (`mapping`): an id and its rules. */
export class SqlMappingStore {
  constructor(private readonly db: () => Knex) {}

  async create(mapping: MappingRecord): Promise<MappingRecord> {
    assertFits('mapping', mapping as never);
    try {
      await this.db().transaction(async (trx) => {
        if (await trx('mapping').where({ id: mapping.id }).first('id')) throw duplicate();
        await trx('mapping').insert({ id: mapping.id, rules: encodeRules(mapping.rules) });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicate();
      throw e;
    }
    return this.get(mapping.id);
  }

  async list(): Promise<MappingRecord[]> {
    return ((await this.db()('mapping').select('*').orderBy('id')) as Record<string, unknown>[]).map(toMapping);
  }

  async get(mappingId: string): Promise<MappingRecord> {
    const row = await this.db()('mapping').where({ id: mappingId }).first();
    if (!row) throw mappingNotFound(mappingId);
    return toMapping(row);
  }

  async update(mappingId: string, rules: unknown[]): Promise<MappingRecord> {
    if ((await this.db()('mapping').where({ id: mappingId }).update({ rules: encodeRules(rules) })) === 0) throw mappingNotFound(mappingId);
    return this.get(mappingId);
  }

  async delete(mappingId: string): Promise<void> {
    if ((await this.db()('mapping').where({ id: mappingId }).delete()) === 0) throw mappingNotFound(mappingId);
  }
}

/** Keystone's message: the request's mapping dict carries no id, so no detail. */
function duplicate(): Conflict {
  return Conflict.duplicate('mapping', 'Duplicate entry');
}
