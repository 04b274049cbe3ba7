import type { FastifyRequest } from 'fastify';
import type { Authorizer, Caller, KeystoneConfig } from '@keystone-ts/core';
import { Forbidden, isKeystoneError } from '@keystone-ts/plugin-sdk';

/** Methods that authenticate the user in person; any other (application_credential, oauth1, ec2credential, ...) is delegation. */
const BUILTIN_PRIMARY_METHODS = ['external', 'kerberos', 'mapped', 'openid', 'password', 'saml2', 'token', 'totp', 'x509'];

const DELEGATED = 'You are not authorized to perform the requested action: Delegated tokens cannot access credentials directly.';

/** Options owned by other groups, read when they are registered (Keystone's defaults otherwise). */
function optional<T>(config: KeystoneConfig, group: string, name: string, fallback: T): T {
  if (!config.registry.get(group, name)) return fallback;
  return config.get<T | null>(group, name) ?? fallback;
}

/** Keystone's `delegation.is_delegated_method`: no methods at all counts as delegated too. */
export function isDelegatedToken(caller: Caller, config: KeystoneConfig): boolean {
  const primary = new Set([...BUILTIN_PRIMARY_METHODS, ...optional<string[]>(config, 'auth', 'additional_primary_auth_methods', [])]);
  return caller.methods.length === 0 || caller.methods.some((m) => !primary.has(m));
}

/**
 * Trust-scoped and otherwise delegated tokens never touch credentials
 * (Keystone's `_require_primary_auth`). The deprecated
 * `[security_compliance] allow_insecure_admin_trust_cross_project_credentials_access`
 * still lets an admin's delegated token at ec2 credentials.
 * @throws Forbidden
 */
export async function requirePrimaryAuth(
  req: FastifyRequest,
  caller: Caller,
  deps: { authz: Authorizer; config: KeystoneConfig },
  credentialType: unknown,
  opts: { ec2Escape: boolean } = { ec2Escape: true },
): Promise<void> {
  if (!caller.trustId && !isDelegatedToken(caller, deps.config)) return;
  const insecure = optional(deps.config, 'security_compliance', 'allow_insecure_admin_trust_cross_project_credentials_access', false);
  if (opts.ec2Escape && insecure && typeof credentialType === 'string' && credentialType.toLowerCase() === 'ec2') {
    try {
      await deps.authz.enforce(req, 'admin_required');
      return;
    } catch (e) {
      if (!(isKeystoneError(e) && e.code === 403)) throw e;
    }
  }
  throw new Forbidden(DELEGATED);
}
