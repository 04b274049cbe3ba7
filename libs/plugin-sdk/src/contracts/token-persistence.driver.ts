import type { TokenPayload } from './token-provider';

/** A token stored by `keystone.token.persistence` (Keystone's `token` table). */
export interface PersistedToken {
  /** The key the token is stored under: its id, or a hash of it for long (PKI) ids. */
  id: string;
  expiresAt: Date;
  userId: string;
  trustId: string | null;
  /** The facts the provider was given at issue, with `issuedAt`. */
  payload: TokenPayload;
  /** False once revoked. */
  valid: boolean;
}

/**
 * The `keystone.token.persistence` contract (`[token] driver`), used only
 * with providers whose `needsPersistence` is true (uuid, pki, pkiz).
 */
export interface TokenPersistenceDriver {
  create(token: Omit<PersistedToken, 'valid'>): Promise<void>;
  /** The stored token, valid or not; null when unknown. */
  get(id: string): Promise<PersistedToken | null>;
  /** Marks one token invalid (revoked). */
  invalidate(id: string): Promise<void>;
  /** Deletes the tokens that expired before `now`; returns how many. */
  flushExpired(now: Date): Promise<number>;
}
