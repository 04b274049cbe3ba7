/**
 * Persistence of token ids for providers that need it (uuid, pki, pkiz):
 * `[token] driver` (`keystone.token.persistence`) keeps each issued token's
 * facts under the provider's storage key, and a revoked token's row is
 * marked invalid. For self-contained providers (fernet, jws) every operation
 * is a no-op, so the token manager calls it unconditionally.
 */
import type { KeystoneRuntime } from '@keystone-ts/core';
import { Namespaces, NotFound, type TokenPayload, type TokenPersistenceDriver, type TokenProvider } from '@keystone-ts/plugin-sdk';

export class TokenStore {
  private constructor(
    private readonly provider: TokenProvider,
    private readonly driver: TokenPersistenceDriver | null,
  ) {}

  static async forProvider(runtime: KeystoneRuntime, provider: TokenProvider): Promise<TokenStore> {
    if (!provider.needsPersistence) return new TokenStore(provider, null);
    const cfg = runtime.config;
    return new TokenStore(provider, await runtime.drivers.createDriver<TokenPersistenceDriver>(Namespaces.tokenPersistence, cfg.get('token', 'driver'), cfg));
  }

  get persistent(): boolean {
    return this.driver !== null;
  }

  async save(tokenId: string, payload: TokenPayload): Promise<void> {
    if (!this.driver) return;
    await this.driver.create({
      id: this.key(tokenId),
      expiresAt: new Date(payload.expiresAt * 1000),
      userId: payload.userId,
      trustId: payload.trustId ?? null,
      payload,
    });
  }

  /** The stored facts; undefined for self-contained providers. @throws NotFound when unknown or revoked */
  async load(tokenId: string): Promise<TokenPayload | undefined> {
    if (!this.driver) return undefined;
    const row = await this.driver.get(this.key(tokenId));
    if (!row || !row.valid) throw NotFound.entity('token', tokenId);
    return row.payload;
  }

  async invalidate(tokenId: string): Promise<void> {
    if (this.driver) await this.driver.invalidate(this.key(tokenId));
  }

  /** `keystone-manage token_flush`: drops rows of tokens expired before `now`. */
  async flushExpired(now: Date = new Date()): Promise<number> {
    return this.driver ? this.driver.flushExpired(now) : 0;
  }

  private key(tokenId: string): string {
    return this.provider.storageKey ? this.provider.storageKey(tokenId) : tokenId;
  }
}
