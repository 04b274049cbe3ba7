/**
 * Keystone 22 default rules of keystone/common/policies/role_assignment.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The assignment API is now aware of system scope and default roles.';

export const roleAssignmentPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:list_role_assignments',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and ' +
      'domain_id:%(target.domain_id)s and not None:%(target.domain_id)s)',
    description: 'List role assignments.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'GET', path: '/v3/role_assignments' },
      { method: 'HEAD', path: '/v3/role_assignments' },
    ],
    deprecatedRule: {
      name: 'identity:list_role_assignments',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_role_assignments_for_tree',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and ' +
      'domain_id:%(target.domain_id)s and not None:%(target.domain_id)s)',
    description: 'List all role assignments for a given tree of hierarchical projects.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'GET', path: '/v3/role_assignments?include_subtree' },
      { method: 'HEAD', path: '/v3/role_assignments?include_subtree' },
    ],
    deprecatedRule: {
      name: 'identity:list_role_assignments_for_tree',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
];
