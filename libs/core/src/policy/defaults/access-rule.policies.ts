/**
 * Keystone 22 default rules of keystone/common/policies/access_rule.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

export const accessRulePolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_access_rule',
    checkStr: '(role:reader and system_scope:all) or user_id:%(target.user.id)s',
    description: 'Show access rule details.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/users/{user_id}/access_rules/{access_rule_id}' },
      { method: 'HEAD', path: '/v3/users/{user_id}/access_rules/{access_rule_id}' },
    ],
  },
  {
    name: 'identity:list_access_rules',
    checkStr: '(role:reader and system_scope:all) or user_id:%(target.user.id)s',
    description: 'List access rules for a user.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/users/{user_id}/access_rules' },
      { method: 'HEAD', path: '/v3/users/{user_id}/access_rules' },
    ],
  },
  {
    name: 'identity:delete_access_rule',
    checkStr: '(role:admin and system_scope:all) or user_id:%(target.user.id)s',
    description: 'Delete an access_rule.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/users/{user_id}/access_rules/{access_rule_id}' }],
  },
];
