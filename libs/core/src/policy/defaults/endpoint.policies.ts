/**
 * Keystone 22 default rules of keystone/common/policies/endpoint.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The endpoint API is now aware of system scope and default roles.';

export const endpointPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_endpoint',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Show endpoint details.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/endpoints/{endpoint_id}' }],
    deprecatedRule: {
      name: 'identity:get_endpoint',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_endpoints',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List endpoints.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/endpoints' }],
    deprecatedRule: {
      name: 'identity:list_endpoints',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:create_endpoint',
    checkStr: 'rule:admin_required',
    description: 'Create endpoint.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'POST', path: '/v3/endpoints' }],
    deprecatedRule: {
      name: 'identity:create_endpoint',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:update_endpoint',
    checkStr: 'rule:admin_required',
    description: 'Update endpoint.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/endpoints/{endpoint_id}' }],
    deprecatedRule: {
      name: 'identity:update_endpoint',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:delete_endpoint',
    checkStr: 'rule:admin_required',
    description: 'Delete endpoint.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/endpoints/{endpoint_id}' }],
    deprecatedRule: {
      name: 'identity:delete_endpoint',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
];
