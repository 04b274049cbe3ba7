import type { DriverHints } from '../hints';

/**
 * A credential as the `keystone.credential` driver stores it (Keystone's
 * `credential` table): the secret only as `encrypted_blob`, with the hash of
 * the key that encrypted it. Other attributes of the API body live in `extra`
 * and come back at the top level.
 */
export interface StoredCredential {
  id: string;
  user_id: string;
  project_id: string | null;
  type: string;
  encrypted_blob: string;
  key_hash: string;
  [extra: string]: unknown;
}

/** The `keystone.credential` contract. */
export interface CredentialDriver {
  /** @throws Conflict when the id exists */
  createCredential(credential: StoredCredential): Promise<StoredCredential>;
  /** Filters `user_id`, `type` (and any column); honours the hints' limit. */
  listCredentials(hints: DriverHints): Promise<StoredCredential[]>;
  listCredentialsForUser(userId: string, type?: string | null): Promise<StoredCredential[]>;
  /** @throws NotFound ("Could not find credential: <id>.") */
  getCredential(credentialId: string): Promise<StoredCredential>;
  /** Replaces the given attributes (extra ones merge into `extra`). @throws NotFound */
  updateCredential(credentialId: string, patch: Partial<StoredCredential>): Promise<StoredCredential>;
  /** @throws NotFound */
  deleteCredential(credentialId: string): Promise<void>;
  deleteCredentialsForProject(projectId: string): Promise<void>;
  deleteCredentialsForUser(userId: string): Promise<void>;
}

/** The keys of the credential key repository as they are at one moment. */
export interface CredentialKeys {
  /** sha1 hex of the primary key's text: what `key_hash` holds for rows it encrypted. */
  readonly primaryKeyHash: string;
  encrypt(plaintext: string): { encryptedBlob: string; keyHash: string };
  /** @throws Error when no key of the repository decrypts the blob */
  decrypt(encryptedBlob: string): string;
}

/**
 * The `keystone.credential.provider` contract ([credential] provider):
 * encryption of credential blobs. Keys are read on every `keys()` call, so a
 * rotation takes effect without a restart; take one snapshot per operation.
 */
export interface CredentialProvider {
  keys(): CredentialKeys;
}
