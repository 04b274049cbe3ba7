/**
 * Keystone 22 default rules of keystone/common/policies/limit.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

export const limitPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_limit_model',
    checkStr: '',
    description: 'Get limit enforcement model.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'GET', path: '/v3/limits/model' },
      { method: 'HEAD', path: '/v3/limits/model' },
    ],
  },
  {
    name: 'identity:get_limit',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all) or ' +
      '(domain_id:%(target.limit.domain.id)s or ' +
      'domain_id:%(target.limit.project.domain_id)s) or ' +
      '(project_id:%(target.limit.project_id)s and not ' +
      'None:%(target.limit.project_id)s)',
    description: 'Show limit details.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'GET', path: '/v3/limits/{limit_id}' },
      { method: 'HEAD', path: '/v3/limits/{limit_id}' },
    ],
  },
  {
    name: 'identity:list_limits',
    checkStr: '',
    description: 'List limits.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'GET', path: '/v3/limits' }, { method: 'HEAD', path: '/v3/limits' }],
  },
  {
    name: 'identity:create_limits',
    checkStr: 'rule:admin_required',
    description: 'Create limits.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'POST', path: '/v3/limits' }],
  },
  {
    name: 'identity:update_limit',
    checkStr: 'rule:admin_required',
    description: 'Update limit.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/limits/{limit_id}' }],
  },
  {
    name: 'identity:delete_limit',
    checkStr: 'rule:admin_required',
    description: 'Delete limit.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/limits/{limit_id}' }],
  },
];
