/**
 * The `fernet` driver of `keystone.credential.provider`: credential blobs
 * encrypted with the credential key repository exactly as Keystone's
 * credential/providers/fernet does, so either server reads the other's rows.
 */
import type { CredentialKeys, CredentialProvider, Logger } from '@keystone-ts/plugin-sdk';
import { CredentialCipher, NULL_KEY, loadCredentialKeyTexts, primaryKeyHash } from './credential-key-repository';

const NULL_KEY_WARNING =
  'Encrypting credentials with the null key. Please properly encrypt credentials using `keystone-manage credential_setup`, `keystone-manage credential_migrate`, and `keystone-manage credential_rotate`';

export class FernetCredentialProvider implements CredentialProvider {
  constructor(
    private readonly keyRepository: string,
    private readonly logger?: Logger,
  ) {}

  keys(): CredentialKeys {
    // Read the repository now (Keystone reloads on every call, so a rotation needs no restart).
    const texts = loadCredentialKeyTexts(this.keyRepository);
    const cipher = new CredentialCipher(this.keyRepository);
    const usesNullKey = texts[0] === NULL_KEY;
    const logger = this.logger;
    return {
      primaryKeyHash: primaryKeyHash(texts),
      encrypt(plaintext: string) {
        if (usesNullKey) logger?.warn(NULL_KEY_WARNING);
        const { blob, keyHash } = cipher.encrypt(plaintext);
        return { encryptedBlob: blob, keyHash };
      },
      decrypt: (encryptedBlob: string) => cipher.decrypt(encryptedBlob),
    };
  }
}
