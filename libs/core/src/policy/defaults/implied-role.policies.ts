/**
 * Keystone 22 default rules of keystone/common/policies/implied_role.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The implied role API is now aware of system scope and default roles.';

export const impliedRolePolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_implied_role',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Get information about an association between two roles. When a relationship ' +
      'exists between a prior role and an implied role and the prior role is assigned ' +
      'to a user, the user also assumes the implied role.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/roles/{prior_role_id}/implies/{implied_role_id}' }],
    deprecatedRule: {
      name: 'identity:get_implied_role',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:list_implied_roles',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List associations between two roles. When a relationship exists between a prior ' +
      'role and an implied role and the prior role is assigned to a user, the user ' +
      'also assumes the implied role. This will return all the implied roles that ' +
      'would be assumed by the user who gets the specified prior role.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/roles/{prior_role_id}/implies' },
      { method: 'HEAD', path: '/v3/roles/{prior_role_id}/implies' },
    ],
    deprecatedRule: {
      name: 'identity:list_implied_roles',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:create_implied_role',
    checkStr: 'rule:admin_required',
    description: 'Create an association between two roles. When a relationship exists between a ' +
      'prior role and an implied role and the prior role is assigned to a user, the ' +
      'user also assumes the implied role.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PUT', path: '/v3/roles/{prior_role_id}/implies/{implied_role_id}' }],
    deprecatedRule: {
      name: 'identity:create_implied_role',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:delete_implied_role',
    checkStr: 'rule:admin_required',
    description: 'Delete the association between two roles. When a relationship exists between a ' +
      'prior role and an implied role and the prior role is assigned to a user, the ' +
      'user also assumes the implied role. Removing the association will cause that ' +
      'effect to be eliminated.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/roles/{prior_role_id}/implies/{implied_role_id}' }],
    deprecatedRule: {
      name: 'identity:delete_implied_role',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:list_role_inference_rules',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List all associations between two roles in the system. When a relationship ' +
      'exists between a prior role and an implied role and the prior role is assigned ' +
      'to a user, the user also assumes the implied role.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/role_inferences' },
      { method: 'HEAD', path: '/v3/role_inferences' },
    ],
    deprecatedRule: {
      name: 'identity:list_role_inference_rules',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:check_implied_role',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Check an association between two roles. When a relationship exists between a ' +
      'prior role and an implied role and the prior role is assigned to a user, the ' +
      'user also assumes the implied role.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'HEAD', path: '/v3/roles/{prior_role_id}/implies/{implied_role_id}' }],
    deprecatedRule: {
      name: 'identity:check_implied_role',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
];
