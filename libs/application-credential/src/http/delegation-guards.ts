import { Forbidden, type ApplicationCredentialRecord } from '@keystone-ts/plugin-sdk';
import type { Caller } from '@keystone-ts/core';

/** Keystone's primary (non-delegated) auth methods. */
const PRIMARY_METHODS = new Set(['external', 'kerberos', 'mapped', 'openid', 'password', 'saml2', 'token', 'totp', 'x509']);

/**
 * Trust, OAuth1 and EC2 tokens may not manage application credentials or
 * access rules (a credential would outlive the delegation). Application
 * credential tokens are judged by `assertUnrestricted` instead.
 */
export function assertNotDelegated(caller: Caller): void {
  if (caller.methods.includes('application_credential')) return;
  if (caller.trustId || caller.methods.length === 0 || caller.methods.some((m) => !PRIMARY_METHODS.has(m))) {
    throw new Forbidden('Cannot manage application credentials with a token issued via delegation.');
  }
}

/** A token from a restricted application credential cannot create or delete credentials. */
export async function assertUnrestricted(caller: Caller, lookup: (id: string) => Promise<Pick<ApplicationCredentialRecord, 'unrestricted'>>): Promise<void> {
  if (!caller.methods.includes('application_credential')) return;
  const cred = caller.appCredId ? await lookup(caller.appCredId).catch(() => null) : null;
  if (!cred?.unrestricted) {
    throw Forbidden.action("Using method 'application_credential' is not allowed for managing additional application credentials.");
  }
}
