import { Unauthorized, type AuthMethod, type AuthMethodResult, type AuthRequestContext, type CoreServices } from '@keystone-ts/plugin-sdk';

/**
 * `oauth1`: POST /v3/auth/tokens signed (OAuth Authorization header) with an
 * OS-OAUTH1 access token. The token it leads to is scoped to the access
 * token's project and limited to its roles (`extras` tells core which).
 */
export class OAuth1AuthMethod implements AuthMethod {
  constructor(private readonly services: CoreServices) {}

  async authenticate(_payload: Record<string, unknown>, ctx: AuthRequestContext): Promise<AuthMethodResult> {
    const oauth1 = this.services.oauth1;
    if (!oauth1) throw new Unauthorized('Attempted to authenticate with an unsupported method.');
    const r = await oauth1.authenticateAccessToken({ httpMethod: 'POST', path: '/v3/auth/tokens', headers: ctx.requestHeaders });
    return { kind: 'authenticated', userId: r.userId, extras: { access_token_id: r.accessTokenId, project_id: r.projectId } };
  }
}
