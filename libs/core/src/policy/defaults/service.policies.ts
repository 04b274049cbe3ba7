/**
 * Keystone 22 default rules of keystone/common/policies/service.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The service API is now aware of system scope and default roles.';

export const servicePolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_service',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Show service details.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/services/{service_id}' }],
    deprecatedRule: {
      name: 'identity:get_service',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_services',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List services.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/services' }],
    deprecatedRule: {
      name: 'identity:list_services',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:create_service',
    checkStr: 'rule:admin_required',
    description: 'Create service.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'POST', path: '/v3/services' }],
    deprecatedRule: {
      name: 'identity:create_service',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:update_service',
    checkStr: 'rule:admin_required',
    description: 'Update service.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/services/{service_id}' }],
    deprecatedRule: {
      name: 'identity:update_service',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:delete_service',
    checkStr: 'rule:admin_required',
    description: 'Delete service.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/services/{service_id}' }],
    deprecatedRule: {
      name: 'identity:delete_service',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
];
