/**
 * What happens to a request's target and credentials before any rule runs:
 * Keystone flattens the target (keystone.common.utils.flatten_dict), and
 * oslo.policy's Enforcer.enforce mirrors `system_scope` into `system` and reads
 * the token scope from those keys for scope_types.
 */
import type { Credentials, ScopeType } from './policy.types';
import { isPyDict, pyTruthy } from './python-value.util';

/**
 * `{target: {user: {id: 1}}}` → `{'target.user.id': 1}`, which is what
 * `%(target.user.id)s` looks up. Lists stay whole; flat input passes unchanged.
 */
export function flattenTarget(target: Readonly<Record<string, unknown>>): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  const walk = (obj: Readonly<Record<string, unknown>>, prefix: string): void => {
    for (const [key, value] of Object.entries(obj)) {
      if (value === undefined) continue;
      const name = prefix === '' ? key : `${prefix}.${key}`;
      // A later key wins over an earlier identical dotted key but keeps its place, as in dict(items).
      if (isPyDict(value)) walk(value, name);
      else flat.set(name, value);
    }
  };
  walk(target, '');
  return flat;
}

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
