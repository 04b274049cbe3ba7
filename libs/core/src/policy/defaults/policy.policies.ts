/**
 * Keystone 22 default rules of keystone/common/policies/policy.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The policy API is now aware of system scope and default roles.';

export const policyPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_policy',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Show policy details.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/policies/{policy_id}' }],
    deprecatedRule: {
      name: 'identity:get_policy',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:list_policies',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List policies.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/policies' }],
    deprecatedRule: {
      name: 'identity:list_policies',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:create_policy',
    checkStr: 'rule:admin_required',
    description: 'Create policy.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'POST', path: '/v3/policies' }],
    deprecatedRule: {
      name: 'identity:create_policy',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:update_policy',
    checkStr: 'rule:admin_required',
    description: 'Update policy.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/policies/{policy_id}' }],
    deprecatedRule: {
      name: 'identity:update_policy',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:delete_policy',
    checkStr: 'rule:admin_required',
    description: 'Delete policy.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/policies/{policy_id}' }],
    deprecatedRule: {
      name: 'identity:delete_policy',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
];
