import { Unauthorized, isKeystoneError, type AuthMethod, type AuthMethodResult, type AuthRequestContext, type ConfigView, type CoreServices } from '@keystone-ts/plugin-sdk';

/**
 * `external`: the user was authenticated by a trusted layer in front of
 * keystone (TLS client certificate, Kerberos, or a trusted proxy) which set
 * REMOTE_USER. Core fills `remoteUser` only from such a layer, never from a
 * client header.
 *
 * - DefaultDomain: REMOTE_USER is a user name in the default domain.
 * - Domain: REMOTE_DOMAIN names the domain (default domain when absent).
 */
export class ExternalAuthMethod implements AuthMethod {
  constructor(
    private readonly mode: 'DefaultDomain' | 'Domain' | 'KerberosDomain',
    private readonly services: CoreServices,
    private readonly config: ConfigView,
  ) {}

  async authenticate(_payload: Record<string, unknown>, ctx: AuthRequestContext): Promise<AuthMethodResult> {
    if (!ctx.remoteUser) throw new Unauthorized('The request you have made requires authentication.');
    if (this.mode === 'KerberosDomain' && ctx.authType?.toLowerCase() !== 'negotiate') {
      throw new Unauthorized('auth_type is not Negotiate');
    }
    let domainId = this.config.get<string>('identity', 'default_domain_id');
    try {
      if (this.mode !== 'DefaultDomain' && ctx.remoteDomain) {
        domainId = (await this.services.resource!.getDomainByName(ctx.remoteDomain)).id;
      }
      const user = await this.services.identity!.getUserByName(ctx.remoteUser, domainId);
      return { kind: 'authenticated', userId: user.id, bind: ctx.bind };
    } catch (e) {
      if (isKeystoneError(e)) throw new Unauthorized('The request you have made requires authentication.');
      throw e;
    }
  }
}
