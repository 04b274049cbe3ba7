import { Forbidden, Unauthorized, ValidationError, isKeystoneError, type AuthMethod, type AuthMethodResult, type AuthRequestContext, type ConfigView, type CoreServices } from '@keystone-ts/plugin-sdk';

/**
 * `token`: re-authenticate with an existing token (rescoping). The new token
 * never outlives the old one and continues its audit chain.
 */
export class TokenAuthMethod implements AuthMethod {
  constructor(
    private readonly services: CoreServices,
    private readonly config: ConfigView,
  ) {}

  async authenticate(payload: Record<string, unknown>, ctx?: AuthRequestContext): Promise<AuthMethodResult> {
    const id = (payload as { id?: unknown }).id;
    if (typeof id !== 'string' || id === '') throw ValidationError.missing("'id'", "'token'");
    let token;
    try {
      token = await this.services.tokens!.validate(id, ctx);
    } catch (e) {
      // Keystone lets validate_token's TokenNotFound through: an invalid, expired or revoked
      // token is a 404 here too (Tempest checks it); a bind failure stays a 401.
      if (isKeystoneError(e) && e.code === 404) throw e;
      if (isKeystoneError(e)) throw new Unauthorized('The request you have made requires authentication.');
      throw e;
    }
    // An OAuth1 delegation is not exchanged for another token (Keystone's token_authenticate).
    if (token.methods.includes('oauth1')) throw Forbidden.action('Using OAuth-scoped token to create another token. Create a new OAuth-scoped token instead');
    if (token.scope !== 'unscoped' && !this.config.get<boolean>('token', 'allow_rescope_scoped_token')) {
      throw Forbidden.action('rescope a scoped token');
    }
    if (token.trustId) throw Forbidden.action('rescope a trust-scoped token');
    if (token.appCredId) throw Forbidden.action('rescope an application credential token');
    return {
      kind: 'authenticated',
      userId: token.userId,
      expiresAt: token.expiresAt,
      auditIds: token.auditIds,
      extras: { methods: token.methods },
    };
  }
}
