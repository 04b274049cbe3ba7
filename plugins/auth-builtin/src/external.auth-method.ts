import { Unauthorized, isKeystoneError, type AuthMethod, type AuthMethodResult, type AuthRequestContext, type ConfigView, type CoreServices } from '@keystone-ts/plugin-sdk';

const GENERIC = 'The request you have made requires authentication.';

/**
 * `external` and `kerberos` (keystone.auth.plugins.external): the user was
 * authenticated by a trusted layer (the server's TLS client-certificate
 * check, its SPNEGO/keytab check, or a trusted front proxy), which set
 * REMOTE_USER. Core fills `remoteUser` only from such a layer, never from a
 * client header.
 *
 * - DefaultDomain: REMOTE_USER is a user name in the default domain.
 * - Domain: REMOTE_DOMAIN names the domain (the default domain when absent).
 * - KerberosDomain: as Domain, and AUTH_TYPE must be exactly `Negotiate`
 *   (the `kerberos` method's only implementation in Keystone).
 *
 * The result carries what `[token] bind` may bind a token to: the Kerberos
 * name when AUTH_TYPE is Negotiate, the client certificate when the TLS
 * layer verified one.
 */
export class ExternalAuthMethod implements AuthMethod {
  constructor(
    private readonly mode: 'DefaultDomain' | 'Domain' | 'KerberosDomain',
    private readonly services: CoreServices,
    private readonly config: ConfigView,
  ) {}

  async authenticate(_payload: Record<string, unknown>, ctx: AuthRequestContext): Promise<AuthMethodResult> {
    // Keystone's messages here ("No authenticated user", "auth_type is not Negotiate", "Unable
    // to lookup user") are Unauthorized and so shown only under insecure_debug: all generic.
    if (!ctx.remoteUser) throw new Unauthorized(GENERIC);
    if (this.mode === 'KerberosDomain' && ctx.authType !== 'Negotiate') throw new Unauthorized(GENERIC);
    let domainId = this.config.get<string>('identity', 'default_domain_id');
    try {
      if (this.mode !== 'DefaultDomain' && ctx.remoteDomain) {
        domainId = (await this.services.resource!.getDomainByName(ctx.remoteDomain)).id;
      }
      const user = await this.services.identity!.getUserByName(ctx.remoteUser, domainId);
      return { kind: 'authenticated', userId: user.id, bind: bindOf(ctx) };
    } catch (e) {
      if (isKeystoneError(e)) throw new Unauthorized(GENERIC);
      throw e;
    }
  }
}

function bindOf(ctx: AuthRequestContext): Record<string, unknown> | undefined {
  const bind: Record<string, unknown> = { ...(ctx.bind ?? {}) };
  // Keystone's (pre-Pike) external plugin bound to the Kerberos name it authenticated.
  if ((ctx.authType ?? '').toLowerCase() === 'negotiate') bind.kerberos = ctx.remoteUser;
  return Object.keys(bind).length > 0 ? bind : undefined;
}
