/**
 * The `jws` token provider: self-contained ES256 JWTs (nothing persisted),
 * interchangeable with Keystone 22's given the same key repositories.
 */
import { InternalError, NotFound } from '@keystone-ts/plugin-sdk';
import type { Logger, TokenPayload, TokenProvider } from '@keystone-ts/plugin-sdk';
import { fromClaims, toClaims } from './jws/claims';
import { parseEs256, signEs256, verifiesWith } from './jws/compact-jws';
import { JwsKeyRepositories } from './jws/key-repositories';

export interface JwsTokenProviderOptions {
  /** `[jwt_tokens] jws_private_key_repository` (holds private.pem). */
  privateKeyRepository: string;
  /** `[jwt_tokens] jws_public_key_repository` (every file is a candidate key). */
  publicKeyRepository: string;
  logger?: Logger;
  /** Clock in seconds, for tests. */
  now?: () => number;
}

export class JwsTokenProvider implements TokenProvider {
  readonly needsPersistence = false;
  private readonly keys: JwsKeyRepositories;

  constructor(private readonly opts: JwsTokenProviderOptions) {
    this.keys = new JwsKeyRepositories(opts.privateKeyRepository, opts.publicKeyRepository, opts.logger);
    this.keys.checkAtStart();
  }

  issue(payload: TokenPayload): string {
    const now = this.opts.now ? this.opts.now() : Date.now() / 1000;
    let key;
    try {
      key = this.keys.signingKey();
    } catch (e) {
      this.opts.logger?.error(`Unable to issue a JWS token: ${(e as Error).message}`);
      throw new InternalError();
    }
    return signEs256(toClaims(payload, now), key);
  }

  /** @throws NotFound ("Could not find token: <id>.", as Keystone) for any token no public key verifies */
  validate(token: string): TokenPayload {
    try {
      const jws = parseEs256(token);
      // Keystone tries every public key: tokens signed before a key change stay valid while its public key stays.
      if (!this.keys.verificationKeys().some((k) => verifiesWith(jws, k))) throw new Error('no public key verifies the signature');
      return fromClaims(jws.claims);
    } catch (e) {
      this.opts.logger?.debug(`Unable to validate token: ${(e as Error).message}`);
      throw NotFound.entity('token', token);
    }
  }
}
