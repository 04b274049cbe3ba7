import { DriverHints, Namespaces, type CredentialDriver } from '@keystone-ts/plugin-sdk';
import type { KeystoneRuntime } from '@keystone-ts/core';
import { withDatabase } from '../with-database';

export const NOT_ALL_PRIMARY =
  'Unable to rotate credential keys because not all credentials are encrypted with the primary key. Please make sure all credentials have been encrypted with the primary key using `keystone-manage credential_migrate`.';

/** Rotating would drop a key still needed; Keystone then stops the command with this message. */
export class CredentialsNotOnPrimaryKey extends Error {
  constructor() {
    super(NOT_ALL_PRIMARY);
  }
}

/**
 * Keystone's `validate_primary_key`: every stored credential must carry the
 * primary key's hash before a rotation may retire the oldest key.
 * @throws CredentialsNotOnPrimaryKey
 */
export async function assertAllCredentialsUsePrimary(runtime: KeystoneRuntime, primaryKeyHash: string): Promise<void> {
  await withDatabase(runtime, async () => {
    const cfg = runtime.config;
    const driver = await runtime.drivers.createDriver<CredentialDriver>(Namespaces.credential, cfg.get('credential', 'driver'), cfg);
    const credentials = await driver.listCredentials(new DriverHints());
    if (credentials.some((c) => c.key_hash !== primaryKeyHash)) throw new CredentialsNotOnPrimaryKey();
  });
}
