import { CredentialCipher } from '@keystone-ts/plugin-token-fernet';
import { DriverHints, Namespaces, type CredentialDriver } from '@keystone-ts/plugin-sdk';
import type { ManageCommand } from '../command';
import { withDatabase } from '../with-database';

/**
 * Keystone's credential_migrate: re-encrypts with the primary key every
 * credential stored under another key, so that credential_rotate may then
 * retire the old keys. A credential no key can decrypt stops the command
 * (exit 1) without touching the rest: rotating past it would lose it.
 */
export const credentialMigrateCommand: ManageCommand = {
  name: 'credential_migrate',
  help: 'Re-encrypt every credential with the primary credential key.',
  flags: {},
  async run({ runtime, out, err }) {
    const cfg = runtime.config;
    const cipher = new CredentialCipher(cfg.get<string>('credential', 'key_repository'));
    const primary = cipher.encrypt('').keyHash;
    return withDatabase(runtime, async () => {
      const driver = await runtime.drivers.createDriver<CredentialDriver>(Namespaces.credential, cfg.get('credential', 'driver'), cfg);
      const stale = (await driver.listCredentials(new DriverHints())).filter((c) => c.key_hash !== primary);
      const plain = new Map<string, string>();
      for (const c of stale) {
        try {
          plain.set(c.id, cipher.decrypt(c.encrypted_blob));
        } catch {
          err(`credential_migrate: credential ${c.id} cannot be decrypted with any key in the repository; nothing was migrated`);
          return 1;
        }
      }
      for (const c of stale) {
        const { blob, keyHash } = cipher.encrypt(plain.get(c.id)!);
        await driver.updateCredential(c.id, { encrypted_blob: blob, key_hash: keyHash });
      }
      out(`credential_migrate: ${stale.length} credential(s) re-encrypted with the primary key`);
      return 0;
    });
  },
};
