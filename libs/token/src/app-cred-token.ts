import type { ProviderApis, RoleRef } from '@keystone-ts/core';
import { NotFound, Unauthorized } from '@keystone-ts/plugin-sdk';

/** What a token body shows of the application credential it was issued for. */
export interface TokenAppCred {
  id: string;
  name: string;
  restricted: boolean;
  access_rules?: { id: string; service: string; path: string; method: string }[];
}

/** Keystone caps an application credential token at the credential's own expiry. */
export async function capToAppCredExpiry(apis: ProviderApis, appCredId: string, expiresAt: Date): Promise<Date> {
  const cred = await apis.applicationCredential.getApplicationCredential(appCredId);
  return cred.expires_at && cred.expires_at < expiresAt ? cred.expires_at : expiresAt;
}

/**
 * The credential behind a token and the roles the token carries: those of
 * the credential the user still has on the project (Keystone's
 * _get_application_credential_roles). A deleted credential, or one not of
 * this user and project, makes the token invalid (NotFound from the lookup).
 */
export async function appCredScope(
  apis: ProviderApis,
  appCredId: string,
  userId: string,
  projectId: string | null,
  userProjectRoles: RoleRef[],
): Promise<{ applicationCredential: TokenAppCred; roles: RoleRef[] }> {
  const cred = await apis.applicationCredential.getApplicationCredential(appCredId);
  if (cred.user_id !== userId || cred.project_id !== projectId) throw new Unauthorized('Application credential does not match the token.');
  const allowed = new Set(cred.roleIds);
  const applicationCredential: TokenAppCred = { id: cred.id, name: cred.name, restricted: !cred.unrestricted };
  if (cred.access_rules?.length) applicationCredential.access_rules = cred.access_rules;
  return { applicationCredential, roles: userProjectRoles.filter((r) => allowed.has(r.id)) };
}

/** Keystone's minimum OpenStack-Identity-Access-Rules version a validating service must announce. */
const ACCESS_RULES_MIN_VERSION = 1.0;

/**
 * A token whose credential has access rules validates only for a service
 * that says (OpenStack-Identity-Access-Rules) it enforces them; otherwise
 * the rules would be silently ignored, so the token is refused.
 */
export function assertAccessRulesSupported(appCred: TokenAppCred | null | undefined, header: string | string[] | undefined): void {
  if (!appCred?.access_rules) return;
  const version = Number.parseFloat(Array.isArray(header) ? header[0] : (header ?? ''));
  if (!(version >= ACCESS_RULES_MIN_VERSION)) throw new NotFound('Failed to validate token');
}
