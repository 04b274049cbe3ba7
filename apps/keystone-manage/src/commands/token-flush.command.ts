import { Namespaces, type TokenPersistenceDriver } from '@keystone-ts/plugin-sdk';
import type { ManageCommand } from '../command';
import { withDatabase } from '../with-database';

/**
 * `token_flush`: deletes expired rows of the persisted-token table, as
 * Keystone's command did while it had persisted (uuid, pki, pkiz) tokens.
 * Works whatever `[token] provider` is now, so rows left from an earlier
 * provider can be cleaned up.
 */
export const tokenFlushCommand: ManageCommand = {
  name: 'token_flush',
  help: 'Purge expired tokens from the token table ([token] driver).',
  flags: {},
  async run({ runtime, out }) {
    const cfg = runtime.config;
    const flushed = await withDatabase(runtime, async () => {
      const driver = await runtime.drivers.createDriver<TokenPersistenceDriver>(Namespaces.tokenPersistence, cfg.get('token', 'driver'), cfg);
      return driver.flushExpired(new Date());
    });
    out(`token_flush: ${flushed} expired token(s) deleted`);
    return 0;
  },
};
