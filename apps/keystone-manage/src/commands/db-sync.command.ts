import type { ManageCommand } from '../command';
import { withDatabase } from '../with-database';

/**
 * Creates or checks every plugin's schema. Keystone's rolling-upgrade phases
 * (--expand/--migrate/--contract) are accepted: keystone-ts has one schema
 * version per release, so every phase does the same work.
 */
export const dbSyncCommand: ManageCommand = {
  name: 'db_sync',
  help: 'Sync the database schema to the current version.',
  flags: { expand: 'boolean', migrate: 'boolean', contract: 'boolean', check: 'boolean', version: 'string' },
  async run({ runtime, flags, out }) {
    return withDatabase(runtime, async (db) => {
      for (const { plugin } of runtime.registry.loadedPlugins()) {
        const schema = plugin.persistence?.schema;
        if (!schema) continue;
        if (flags.check) {
          out(`${plugin.id}: ${await schema.version(db)}`);
          continue;
        }
        out(await schema.sync(db, out));
      }
      return 0;
    });
  },
};

export const dbVersionCommand: ManageCommand = {
  name: 'db_version',
  help: 'Print the database schema version.',
  flags: {},
  async run({ runtime, out }) {
    return withDatabase(runtime, async (db) => {
      for (const { plugin } of runtime.registry.loadedPlugins()) {
        const schema = plugin.persistence?.schema;
        if (schema) out(await schema.version(db));
      }
      return 0;
    });
  },
};
