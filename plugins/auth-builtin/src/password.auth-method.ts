import { Unauthorized, ValidationError, isKeystoneError, type AuthMethod, type AuthMethodResult, type CoreServices } from '@keystone-ts/plugin-sdk';

interface PasswordPayload {
  user?: { id?: unknown; name?: unknown; password?: unknown; domain?: { id?: unknown; name?: unknown } };
}

const GENERIC = 'The request you have made requires authentication.';

/**
 * `password`: a user by id, or by name within a domain given by id or name,
 * and the password checked by the driver serving that user's domain. Every
 * failure is the same 401 so the caller cannot probe which part was wrong.
 */
export class PasswordAuthMethod implements AuthMethod {
  constructor(private readonly services: CoreServices) {}

  async authenticate(payload: Record<string, unknown>): Promise<AuthMethodResult> {
    const user = (payload as PasswordPayload).user;
    if (!user || typeof user !== 'object') throw ValidationError.missing("'user'", "'password'");
    if (typeof user.password !== 'string') throw ValidationError.missing("'password'", "'user'");
    const identity = this.services.identity!;
    const resource = this.services.resource!;
    let userId: string;
    try {
      if (typeof user.id === 'string' && user.id !== '') {
        const byId = user.id;
        const found = await this.reportingUnknownUser(() => identity.getUser(byId), { userId: byId });
        if (!(await resource.getDomain(found.domain_id)).enabled) throw new Unauthorized(GENERIC);
        if (!found.enabled) throw new Unauthorized(GENERIC);
        userId = found.id;
      } else if (typeof user.name === 'string' && user.name !== '') {
        const dom = user.domain;
        if (!dom || (typeof dom.id !== 'string' && typeof dom.name !== 'string')) {
          throw ValidationError.missing("'domain'", "'user'");
        }
        const domain = typeof dom.id === 'string' ? await resource.getDomain(dom.id) : await resource.getDomainByName(dom.name as string);
        if (!domain.enabled) throw new Unauthorized(GENERIC);
        const name = user.name;
        const found = await this.reportingUnknownUser(() => identity.getUserByName(name, domain.id), { userName: name, domainId: domain.id, domainName: domain.name });
        // Keystone's UserAuthInfo rejects a disabled user (inactivity included) before the
        // password is checked, so such attempts neither count towards lockout nor say why.
        if (!found.enabled) throw new Unauthorized(GENERIC);
        userId = found.id;
      } else {
        throw ValidationError.missing("'id' or 'name'", "'user'");
      }
    } catch (e) {
      if (e instanceof ValidationError || (isKeystoneError(e) && e.code === 400)) throw e;
      // Server errors (an identity backend down) stay 500, as in Keystone; anything else says nothing.
      if (isKeystoneError(e) && e.code < 500) throw new Unauthorized(GENERIC);
      throw e;
    }
    const authenticated = await identity.authenticate(userId, user.password);
    return { kind: 'authenticated', userId: authenticated.id };
  }

  /** An unknown user is an `identity.authenticate` failure too; the identity manager reports the others. */
  private async reportingUnknownUser<T>(find: () => Promise<T>, who: { userId?: string; userName?: string; domainId?: string; domainName?: string }): Promise<T> {
    try {
      return await find();
    } catch (e) {
      if (isKeystoneError(e) && e.code === 404) await this.services.notifications?.authenticationFailed(who, e);
      throw e;
    }
  }
}
