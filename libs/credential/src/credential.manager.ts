import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { KEYSTONE_RUNTIME, Notifier, ProviderApis, getLogger, applyLimit, applyRemainingFilters, type CredentialApi, type CredentialRef, type KeystoneRuntime } from '@keystone-ts/core';
import {
  Forbidden,
  InternalError,
  Namespaces,
  type CredentialDriver,
  type CredentialKeys,
  type CredentialProvider,
  type DriverHints,
  type StoredCredential,
} from '@keystone-ts/plugin-sdk';
import { pythonJsonDumps } from './python-json';

export const EC2 = 'ec2';

/** What a caller gives to store: the blob in clear. */
export interface NewCredential {
  id: string;
  user_id: string;
  project_id?: string | null;
  type: string;
  blob: unknown;
  [extra: string]: unknown;
}

/**
 * Keystone's credential_api: blobs are encrypted with the credential
 * provider on the way in and decrypted on the way out, never stored in
 * clear. Ec2 blobs go through one more JSON encoding, as Keystone's manager
 * does, so rows are interchangeable with Keystone's.
 */
@Injectable()
export class CredentialManager implements OnModuleInit, CredentialApi {
  private driver!: CredentialDriver;
  private provider!: CredentialProvider;

  constructor(
    @Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime,
    apis: ProviderApis,
    @Optional() private readonly notifier?: Notifier,
  ) {
    apis.register('credential', this);
  }

  async onModuleInit(): Promise<void> {
    const cfg = this.runtime.config;
    this.driver = await this.runtime.drivers.createDriver<CredentialDriver>(Namespaces.credential, cfg.get('credential', 'driver'), cfg);
    this.provider = await this.runtime.drivers.createDriver<CredentialProvider>(Namespaces.credentialProvider, cfg.get('credential', 'provider'), cfg);
  }

  async listCredentials(hints: DriverHints): Promise<{ refs: CredentialRef[]; truncated: boolean }> {
    const stored = applyLimit(applyRemainingFilters(await this.driver.listCredentials(hints), hints), hints);
    const keys = this.provider.keys();
    return { refs: stored.refs.map((c) => decrypted(c, keys)), truncated: stored.truncated };
  }

  async listCredentialsForUser(userId: string, type?: string | null): Promise<CredentialRef[]> {
    const keys = this.provider.keys();
    return (await this.driver.listCredentialsForUser(userId, type)).map((c) => decrypted(c, keys));
  }

  async getCredential(credentialId: string): Promise<CredentialRef> {
    return decrypted(await this.driver.getCredential(credentialId), this.provider.keys());
  }

  /** The stored rows as they are (keystone-manage credential_rotate checks their key hashes). */
  listStoredCredentials(hints: DriverHints): Promise<StoredCredential[]> {
    return this.driver.listCredentials(hints);
  }

  /** @throws Forbidden when `[credential] user_limit` is reached; Conflict for a known id */
  async createCredential(credential: NewCredential): Promise<CredentialRef> {
    const { blob, ...rest } = credential;
    const sealed = encrypted(credential.type, blob, this.provider.keys());
    await this.assertLimitNotExceeded(credential.user_id);
    const stored = await this.driver.createCredential({ ...rest, project_id: credential.project_id ?? null, ...sealed } as StoredCredential);
    await this.notifier?.created('credential', stored.id);
    return { ...withoutSecrets(stored), blob };
  }

  /**
   * Only the blob changes (the API refuses anything else). Keystone encrypts
   * it here without knowing the type, so an ec2 blob updated this way is
   * stored without the extra JSON encoding; reads cope with both.
   */
  async updateCredential(credentialId: string, patch: { blob?: unknown; [k: string]: unknown }): Promise<CredentialRef> {
    const { blob, ...rest } = patch;
    const existing = blob === undefined ? await this.getCredential(credentialId) : null;
    const sealed = blob === undefined ? {} : encrypted(typeof patch.type === 'string' ? patch.type : null, blob, this.provider.keys());
    const stored = await this.driver.updateCredential(credentialId, { ...rest, ...sealed });
    return { ...withoutSecrets(stored), blob: blob === undefined || blob === '' ? existing?.blob ?? blob : blob };
  }

  async deleteCredential(credentialId: string): Promise<void> {
    await this.driver.getCredential(credentialId);
    await this.driver.deleteCredential(credentialId);
    await this.notifier?.deleted('credential', credentialId);
  }

  async deleteCredentialsForUser(userId: string): Promise<void> {
    await this.driver.deleteCredentialsForUser(userId);
  }

  async deleteCredentialsForProject(projectId: string): Promise<void> {
    await this.driver.deleteCredentialsForProject(projectId);
  }

  private async assertLimitNotExceeded(userId: string): Promise<void> {
    const limit = this.runtime.config.get<number>('credential', 'user_limit');
    if (limit < 0) return;
    if ((await this.driver.listCredentialsForUser(userId)).length >= limit) {
      throw new Forbidden(`Unable to create additional credentials, maximum of ${limit} already exceeded for user.`);
    }
  }
}

function encrypted(type: string | null, blob: unknown, keys: CredentialKeys): { encrypted_blob: string; key_hash: string } {
  // Keystone JSON-encodes ec2 blobs (normally already JSON text) before encrypting them.
  const plaintext = type === EC2 ? pythonJsonDumps(blob) : typeof blob === 'string' ? blob : pythonJsonDumps(blob);
  const { encryptedBlob, keyHash } = keys.encrypt(plaintext);
  return { encrypted_blob: encryptedBlob, key_hash: keyHash };
}

function decrypted(stored: StoredCredential, keys: CredentialKeys): CredentialRef {
  let plaintext: string;
  try {
    plaintext = keys.decrypt(stored.encrypted_blob);
  } catch {
    getLogger('keystone.credential').error('Credential could not be decrypted. Please contact the administrator');
    // Keystone's CredentialEncryptionError is no API error: the client sees a plain 500.
    throw new InternalError();
  }
  return { ...withoutSecrets(stored), blob: stored.type === EC2 ? parseJsonOr(plaintext) : plaintext };
}

function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function withoutSecrets(stored: StoredCredential): CredentialRef {
  const { encrypted_blob: _b, key_hash: _h, ...ref } = stored;
  return { ...ref, id: stored.id, user_id: stored.user_id, project_id: stored.project_id, type: stored.type, blob: undefined };
}
