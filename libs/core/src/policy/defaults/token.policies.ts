/**
 * Keystone 22 default rules of keystone/common/policies/token.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The token API is now aware of system scope and default roles.';

export const tokenPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:check_token',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all) or rule:token_subject',
    description: 'Check a token.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'HEAD', path: '/v3/auth/tokens' }],
    deprecatedRule: {
      name: 'identity:check_token',
      checkStr: 'rule:admin_or_token_subject',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:validate_token',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all) or rule:service_role ' +
      'or rule:token_subject',
    description: 'Validate a token.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'GET', path: '/v3/auth/tokens' }],
    deprecatedRule: {
      name: 'identity:validate_token',
      checkStr: 'rule:service_admin_or_token_subject',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:revoke_token',
    checkStr: 'rule:admin_required or rule:token_subject',
    description: 'Revoke a token.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/auth/tokens' }],
    deprecatedRule: {
      name: 'identity:revoke_token',
      checkStr: 'rule:admin_or_token_subject',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
];
