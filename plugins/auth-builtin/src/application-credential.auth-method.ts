import { Unauthorized, ValidationError, isKeystoneError, type AuthMethod, type AuthMethodResult, type CoreServices } from '@keystone-ts/plugin-sdk';

interface AppCredPayload {
  id?: unknown;
  name?: unknown;
  secret?: unknown;
  user?: { id?: unknown; name?: unknown; domain?: { id?: unknown; name?: unknown } };
}

type AppCred = { id: string; user_id: string; project_id: string | null; expires_at: Date | null };

const GENERIC = 'The request you have made requires authentication.';

/**
 * `application_credential`: a credential by id, or by name with its owner
 * (by id, or by name within a domain), and its secret. The owner is always
 * the credential's user, whatever user the request names. An unknown
 * credential, a wrong secret and an expired credential all look the same.
 *
 * The result's `extras.applicationCredential` tells core which credential
 * the token is for: core scopes it to the credential's project and limits
 * its roles to the credential's.
 */
export class ApplicationCredentialAuthMethod implements AuthMethod {
  constructor(private readonly services: CoreServices) {}

  async authenticate(payload: Record<string, unknown>): Promise<AuthMethodResult> {
    const p = payload as AppCredPayload;
    const cred = await this.lookup(p);
    await this.assertOwnerEnabled(cred.user_id);
    const secret = typeof p.secret === 'string' ? p.secret : null;
    if (secret === null || !(await this.services.applicationCredentials!.checkSecret(cred.id, secret))) throw new Unauthorized(GENERIC);
    if (cred.expires_at && cred.expires_at.getTime() <= Date.now()) throw new Unauthorized(GENERIC);
    return { kind: 'authenticated', userId: cred.user_id, extras: { applicationCredential: { id: cred.id, projectId: cred.project_id } } };
  }

  private async lookup(p: AppCredPayload): Promise<AppCred> {
    const creds = this.services.applicationCredentials;
    if (!creds) throw new Unauthorized(GENERIC);
    if (typeof p.id === 'string' && p.id !== '') {
      try {
        return await creds.get(p.id);
      } catch (e) {
        if (isKeystoneError(e) && e.code === 404) throw new Unauthorized(GENERIC);
        throw e;
      }
    }
    if (typeof p.name !== 'string' || p.name === '') throw ValidationError.missing('id or name', 'application credential');
    const userId = await this.ownerId(p.user);
    const found = await creds.findByName(userId, p.name);
    if (found.length !== 1) throw new Unauthorized(`Could not find application credential: ${p.name}`);
    return found[0];
  }

  private async ownerId(user: AppCredPayload['user']): Promise<string> {
    if (!user || typeof user !== 'object') throw ValidationError.missing('user', 'application credential');
    if (typeof user.id === 'string' && user.id !== '') return user.id;
    if (typeof user.name !== 'string' || user.name === '') throw ValidationError.missing('id or name', 'user');
    const dom = user.domain;
    if (!dom || (typeof dom.id !== 'string' && typeof dom.name !== 'string')) throw ValidationError.missing('domain', 'user');
    try {
      const domain = typeof dom.name === 'string' ? await this.services.resource!.getDomainByName(dom.name) : await this.services.resource!.getDomain(dom.id as string);
      if (!domain.enabled) throw new Unauthorized(GENERIC);
      return (await this.services.identity!.getUserByName(user.name, domain.id)).id;
    } catch (e) {
      if (isKeystoneError(e) && e.code !== 400) throw new Unauthorized(GENERIC);
      throw e;
    }
  }

  private async assertOwnerEnabled(userId: string): Promise<void> {
    try {
      const user = await this.services.identity!.getUser(userId);
      if (!user.enabled || !(await this.services.resource!.getDomain(user.domain_id)).enabled) throw new Unauthorized(GENERIC);
    } catch (e) {
      if (isKeystoneError(e)) throw new Unauthorized(GENERIC);
      throw e;
    }
  }
}
