/**
 * The credential key repository (credential_setup / credential_rotate) and
 * credential blobs, against Keystone's fernet credential provider.
 */
import { readdirSync } from 'node:fs';
import {
  CredentialCipher,
  NULL_KEY,
  credentialRotate,
  credentialSetup,
  loadCredentialKeyTexts,
  primaryKeyHash,
} from '../src/credential-key-repository';
import { tempDir } from './support/fixtures';
import { keystoneAvailable, runKeystone } from './support/keystone-oracle';

const keyNumbers = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /^\d+$/.test(f))
    .map(Number)
    .sort((a, b) => a - b);

describe('credential key repository', () => {
  it('sets up and rotates with Keystone\u2019s fixed three active keys', async () => {
    const t = tempDir();
    await credentialSetup(t.path);
    for (let i = 0; i < 4; i++) await credentialRotate(t.path);
    expect(keyNumbers(t.path)).toEqual([0, 4, 5]);
    t.cleanup();
  });

  it('refuses to rotate when a credential still uses an older key (the check is the caller\u2019s)', async () => {
    const t = tempDir();
    await credentialSetup(t.path);
    const hash = primaryKeyHash(loadCredentialKeyTexts(t.path));
    const stale = async (h: string) => {
      if (h !== 'some-older-hash') throw new Error('Unable to rotate credential keys because not all credentials are encrypted with the primary key.');
    };
    await expect(credentialRotate(t.path, { assertAllUsePrimary: stale })).rejects.toThrow('Unable to rotate');
    expect(keyNumbers(t.path)).toEqual([0, 1]);
    await credentialRotate(t.path, { assertAllUsePrimary: (h) => expect(h).toBe(hash) });
    expect(keyNumbers(t.path)).toEqual([0, 1, 2]);
    t.cleanup();
  });

  it('falls back to the null key when there is no repository', () => {
    expect(loadCredentialKeyTexts('/nonexistent/credential-keys')).toEqual([NULL_KEY]);
    const cipher = new CredentialCipher('/nonexistent/credential-keys');
    expect(cipher.decrypt(cipher.encrypt('secret').blob)).toBe('secret');
  });
});

(keystoneAvailable ? describe : describe.skip)('credential blobs vs Keystone', () => {
  it('each side decrypts the other\u2019s blobs, with the same key hash', async () => {
    const t = tempDir();
    await credentialSetup(t.path);
    await credentialRotate(t.path);
    const cipher = new CredentialCipher(t.path);
    const ours = cipher.encrypt('{"access": "a", "secret": "s\u00e9"}');
    const [theirs, decryptedOurs, theirHash] = runKeystone<any>({
      credential_repository: t.path,
      ops: [{ op: 'credential_encrypt', plaintext: 'totp-seed' }, { op: 'credential_decrypt', blob: ours.blob }, { op: 'credential_key_hash' }],
    });
    expect(decryptedOurs).toBe('{"access": "a", "secret": "s\u00e9"}');
    expect(cipher.decrypt(theirs.blob)).toBe('totp-seed');
    expect(theirs.key_hash).toBe(ours.keyHash);
    expect(theirHash).toBe(ours.keyHash);
    t.cleanup();
  });
});
