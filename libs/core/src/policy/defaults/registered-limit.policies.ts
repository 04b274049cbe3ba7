/**
 * Keystone 22 default rules of keystone/common/policies/registered_limit.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

export const registeredLimitPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_registered_limit',
    checkStr: '',
    description: 'Show registered limit details.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'GET', path: '/v3/registered_limits/{registered_limit_id}' },
      { method: 'HEAD', path: '/v3/registered_limits/{registered_limit_id}' },
    ],
  },
  {
    name: 'identity:list_registered_limits',
    checkStr: '',
    description: 'List registered limits.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'GET', path: '/v3/registered_limits' },
      { method: 'HEAD', path: '/v3/registered_limits' },
    ],
  },
  {
    name: 'identity:create_registered_limits',
    checkStr: 'rule:admin_required',
    description: 'Create registered limits.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'POST', path: '/v3/registered_limits' }],
  },
  {
    name: 'identity:update_registered_limit',
    checkStr: 'rule:admin_required',
    description: 'Update registered limit.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/registered_limits/{registered_limit_id}' }],
  },
  {
    name: 'identity:delete_registered_limit',
    checkStr: 'rule:admin_required',
    description: 'Delete registered limit.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/registered_limits/{registered_limit_id}' }],
  },
];
