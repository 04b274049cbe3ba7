import type { Caller, KeystoneConfig } from '@keystone-ts/core';
import { Forbidden } from '@keystone-ts/plugin-sdk';

/** Auth methods that prove who the user is (Keystone's primary methods); any other is a delegated credential. */
const PRIMARY_METHODS = ['external', 'kerberos', 'mapped', 'openid', 'password', 'saml2', 'token', 'totp', 'x509'];

/**
 * Keystone refuses trust management to tokens from delegated credentials
 * (application credentials, OAuth1, EC2): they could widen their own scope.
 * Trust-scoped tokens pass (redelegation). @throws Forbidden
 */
export function refuseDelegatedToken(caller: Caller, config: KeystoneConfig): void {
  const primary = new Set(PRIMARY_METHODS);
  if (config.registry.get('auth', 'additional_primary_auth_methods')) {
    for (const m of config.get<string[] | null>('auth', 'additional_primary_auth_methods') ?? []) primary.add(m);
  }
  const delegated = caller.methods.length === 0 || caller.methods.some((m) => !primary.has(m));
  if (!delegated) return;
  if (caller.methods.includes('application_credential') && config.registry.get('security_compliance', 'allow_insecure_application_credential_trust_escalation')) {
    if (config.get<boolean>('security_compliance', 'allow_insecure_application_credential_trust_escalation')) return;
  }
  throw Forbidden.action('Delegated tokens cannot manage trusts.');
}
