/**
 * The credential key repository ([credential] key_repository): the same
 * Fernet key layout, managed by keystone-manage credential_setup /
 * credential_rotate, with Keystone's fixed MAX_ACTIVE_KEYS = 3 and its
 * "null key" fallback so credentials written before a repository existed
 * still decrypt.
 *
 * Keystone refuses to rotate while any credential is still encrypted under
 * an older key (its key_hash differs from the primary key's); that check
 * needs the database, so the caller passes it in.
 */
import { createHash } from 'node:crypto';
import { PythonBase64Error, pythonUrlsafeB64Decode } from './fernet/python-base64';
import { encodePadded } from './fernet/base64url';
import { FernetKey, fernetDecrypt, fernetEncrypt } from './fernet/fernet-token';
import { FernetKeyRepository, rotate, setup } from './key-repository';
import type { RepositoryOptions, RotationResult } from './key-repository';

export const CREDENTIAL_MAX_ACTIVE_KEYS = 3;

/** urlsafe_b64encode(b'\x00' * 32): the key Keystone falls back to. */
export const NULL_KEY = Buffer.alloc(32).toString('base64url') + '=';

const CREDENTIAL_OPTS = { configGroup: 'credential' } as const;

export function credentialSetup(dir: string, opts: RepositoryOptions = {}): Promise<RotationResult | null> {
  return setup(dir, { ...CREDENTIAL_OPTS, ...opts, maxActiveKeys: CREDENTIAL_MAX_ACTIVE_KEYS });
}

export interface CredentialRotateOptions extends RepositoryOptions {
  /**
   * Throws (Keystone: "Unable to rotate credential keys because not all
   * credentials are encrypted with the primary key…") unless every stored
   * credential's key_hash equals `primaryKeyHash`.
   */
  assertAllUsePrimary?: (primaryKeyHash: string) => void | Promise<void>;
}

export async function credentialRotate(dir: string, opts: CredentialRotateOptions = {}): Promise<RotationResult | null> {
  const repo = new FernetKeyRepository(dir, CREDENTIAL_MAX_ACTIVE_KEYS, { ...CREDENTIAL_OPTS, ...opts });
  if (!repo.validate(true)) return null;
  await opts.assertAllUsePrimary?.(primaryKeyHash(loadCredentialKeyTexts(dir, opts)));
  return rotate(dir, CREDENTIAL_MAX_ACTIVE_KEYS, { ...CREDENTIAL_OPTS, ...opts });
}

/** `load_keys(use_null_key=True)`: the repository's keys, then the null key. */
export function loadCredentialKeyTexts(dir: string, opts: RepositoryOptions = {}): string[] {
  const repo = new FernetKeyRepository(dir, CREDENTIAL_MAX_ACTIVE_KEYS, { ...CREDENTIAL_OPTS, ...opts });
  return [...repo.loadKeyTexts(), NULL_KEY];
}

/** SHA-1 hex of the primary key's text, as stored in credential.key_hash. */
export function primaryKeyHash(keyTexts: readonly string[]): string {
  return createHash('sha1').update(keyTexts[0], 'utf8').digest('hex');
}

/** Encrypts/decrypts credential blobs as Keystone's fernet credential provider does. */
export class CredentialCipher {
  private readonly keyTexts: string[];
  private readonly keys: FernetKey[];

  constructor(dir: string, opts: RepositoryOptions = {}) {
    this.keyTexts = loadCredentialKeyTexts(dir, opts);
    this.keys = this.keyTexts.map((t) => FernetKey.parse(t));
    if (this.keyTexts[0] === NULL_KEY) {
      opts.logger?.warn(
        'Encrypting credentials with the null key. Please properly encrypt credentials using `keystone-manage credential_setup`, `keystone-manage credential_migrate`, and `keystone-manage credential_rotate`',
      );
    }
  }

  /** Returns the blob (padded urlsafe base64, as cryptography emits it) and the key hash. */
  encrypt(plaintext: string): { blob: string; keyHash: string } {
    const token = fernetEncrypt(this.keys[0], Buffer.from(plaintext, 'utf8'));
    return { blob: encodePadded(token), keyHash: primaryKeyHash(this.keyTexts) };
  }

  /** @throws Error 'Credential could not be decrypted…' like Keystone's CredentialEncryptionError. */
  decrypt(blob: string): string {
    let bytes: Buffer;
    try {
      bytes = pythonUrlsafeB64Decode(blob);
    } catch (e) {
      if (!(e instanceof PythonBase64Error)) throw e;
      bytes = Buffer.alloc(0);
    }
    const plain = fernetDecrypt(this.keys, bytes);
    if (!plain) throw new Error('Credential could not be decrypted. Please contact the administrator');
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  }
}
