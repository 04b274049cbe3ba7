import type { Caller } from '@keystone-ts/core';

/** Auth methods that prove the user directly; anything else is a delegation (Keystone's allowlist). */
const PRIMARY_AUTH_METHODS = new Set(['external', 'kerberos', 'mapped', 'openid', 'password', 'saml2', 'token', 'totp', 'x509']);

/**
 * Whether the caller's token came from a delegation (trust, OAuth1 access
 * token, application credential, EC2...). Such a token must not mint or
 * manage further delegations. No methods at all counts as delegated.
 */
export function isDelegatedCaller(caller: Pick<Caller, 'methods' | 'trustId'>): boolean {
  if (caller.trustId) return true;
  return caller.methods.length === 0 || caller.methods.some((m) => !PRIMARY_AUTH_METHODS.has(m));
}
