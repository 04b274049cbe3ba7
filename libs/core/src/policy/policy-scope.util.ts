/**
 * Credential handling that oslo.policy's Enforcer.enforce does before any rule
 * runs: oslo.context's `system_scope` doubles as `system`, and the token scope
 * used for scope_types is read from those keys.
 */
import type { Credentials, ScopeType } from './policy.types';
import { pyTruthy } from './python-value.util';

/** A copy of the credentials with `system` set from `system_scope`, as oslo does (without mutating the caller's). */
export function prepareCredentials(credentials: Credentials | Readonly<Record<string, unknown>>): Record<string, unknown> {
  const creds: Record<string, unknown> = { ...credentials };
  if (pyTruthy(creds.system_scope)) creds.system = creds.system_scope;
  return creds;
}

/** system if `system` is set, domain if `domain_id` is, otherwise project (unscoped tokens included). */
export function tokenScope(creds: Readonly<Record<string, unknown>>): ScopeType {
  if (pyTruthy(creds.system)) return 'system';
  if (pyTruthy(creds.domain_id)) return 'domain';
  return 'project';
}
