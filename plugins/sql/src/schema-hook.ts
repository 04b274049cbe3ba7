import type { DatabaseFacade, PluginSchema } from '@keystone-ts/plugin-sdk';
import { knexExecutor, schemaVersion, syncSchema, type KnexLike } from './schema';

/** `keystone-manage db_sync`/`db_version` for Keystone 22's tables. */
export const keystoneSchema: PluginSchema = {
  async sync(db: DatabaseFacade, progress) {
    progress(`Synchronizing Keystone 22 schema (${db.dialect})...`);
    const result = await syncSchema(knexExecutor(db.knex() as KnexLike), db.dialect);
    return result.outcome === 'created'
      ? `Created Keystone 22 schema at ${result.revisions.join(', ')}`
      : `Database already at Keystone 22 (${result.revisions.join(', ')})`;
  },
  version(db: DatabaseFacade) {
    return schemaVersion(knexExecutor(db.knex() as KnexLike), db.dialect);
  },
};
