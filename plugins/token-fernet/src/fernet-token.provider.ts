/**
 * The `fernet` token provider: self-contained tokens (nothing persisted),
 * byte-compatible with Keystone 22 given the same key repository, `[auth]
 * methods` and `[identity] default_domain_id`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { ConfigurationError, InternalError } from '@keystone-ts/plugin-sdk';
import type { Logger, TokenPayload, TokenProvider } from '@keystone-ts/plugin-sdk';
import { FernetKeysNotFound, InvalidFernetToken } from './fernet-token.errors';
import { KeyRing, KeyRingError } from './keys/key-ring';
import { AuthMethodMap, DEFAULT_AUTH_METHODS } from './payloads/auth-methods';
import { TokenFormatter } from './token-formatter';
import type { DecodedFernetToken } from './token-formatter';

export interface FernetTokenProviderOptions {
  keyRepository: string;
  maxActiveKeys: number;
  /** `[auth] methods`, in configuration order (it defines the bitmask). */
  methods?: readonly string[];
  /** `[identity] default_domain_id`. */
  defaultDomainId?: string;
  logger?: Logger;
  /** How often at most to look for key changes (default 1000 ms). */
  keyRecheckMs?: number;
  /** `[DEFAULT] max_token_size`: longer tokens are logged (Keystone: INFO), as some stores cap ids at 255. */
  maxTokenSize?: number;
  /** Clock in seconds, for tests. */
  now?: () => number;
}

export class FernetTokenProvider implements TokenProvider {
  readonly needsPersistence = false;
  private readonly ring: KeyRing;
  private readonly formatter: TokenFormatter;

  constructor(private readonly opts: FernetTokenProviderOptions) {
    // Keystone refuses to start without a usable repository rather than
    // failing every request with a 500.
    if (!existsSync(opts.keyRepository)) throw new ConfigurationError(`${opts.keyRepository} does not exist`);
    if (readdirSync(opts.keyRepository).length === 0) {
      throw new ConfigurationError(`${opts.keyRepository} does not contain keys, use keystone-manage fernet_setup to create Fernet keys.`);
    }
    this.ring = new KeyRing(opts.keyRepository, opts.maxActiveKeys, { recheckMs: opts.keyRecheckMs, logger: opts.logger });
    this.formatter = new TokenFormatter({
      methods: new AuthMethodMap(opts.methods ?? DEFAULT_AUTH_METHODS),
      defaultDomainId: opts.defaultDomainId ?? 'default',
    });
  }

  issue(payload: TokenPayload): string {
    const keys = this.keys();
    try {
      const now = this.opts.now ? Math.floor(this.opts.now()) : undefined;
      const token = this.formatter.create(payload, keys[0], now);
      const max = this.opts.maxTokenSize ?? 255;
      if (token.length > max) {
        this.opts.logger?.info(`Fernet token created with length of ${token.length} characters, which exceeds ${max} characters`);
      }
      return token;
    } catch (e) {
      // Facts Keystone cannot pack either (a non-UUID trust id, …): a server error, as there.
      this.opts.logger?.error(`Unable to issue a fernet token: ${(e as Error).message}`);
      throw new InternalError();
    }
  }

  /** @throws InvalidFernetToken (404, "Could not recognize Fernet token") for any bad token. */
  validate(token: string): TokenPayload {
    const d = this.decode(token);
    return {
      userId: d.userId,
      methods: d.methods,
      expiresAt: d.expiresAt,
      issuedAt: d.issuedAt,
      auditIds: d.auditIds,
      systemScope: d.systemScope as TokenPayload['systemScope'],
      domainId: d.domainId,
      projectId: d.projectId,
      trustId: d.trustId,
      federatedGroupIds: d.federatedGroupIds,
      identityProviderId: d.identityProviderId,
      protocolId: d.protocolId,
      accessTokenId: d.accessTokenId,
      appCredId: d.appCredId,
    };
  }

  /** Everything Keystone's `validate_token` returns, with its ISO strings and the payload version. */
  decode(token: string): DecodedFernetToken {
    const keys = this.keys();
    try {
      return this.formatter.validate(token, keys);
    } catch (e) {
      if (e instanceof InvalidFernetToken) {
        this.opts.logger?.debug(`Unable to validate token: ${e.reason}`);
        throw e;
      }
      // Not reachable for any input we know of; still, a bad token must never become a 500.
      this.opts.logger?.warn(`Unexpected error decoding a fernet token: ${(e as Error).message}`);
      throw new InvalidFernetToken('unexpected decoder error');
    }
  }

  private keys() {
    let keys;
    try {
      keys = this.ring.current();
    } catch (e) {
      if (!(e instanceof KeyRingError)) throw e;
      this.opts.logger?.error(e.message);
      throw new InternalError();
    }
    if (keys.length === 0) {
      const err = new FernetKeysNotFound(this.opts.keyRepository);
      this.opts.logger?.error(err.detail);
      throw err;
    }
    return keys;
  }
}
