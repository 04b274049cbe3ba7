/**
 * Keystone 22 default rules of keystone/common/policies/region.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The region API is now aware of system scope and default roles.';

export const regionPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_region',
    checkStr: '',
    description: 'Show region details.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'GET', path: '/v3/regions/{region_id}' },
      { method: 'HEAD', path: '/v3/regions/{region_id}' },
    ],
  },
  {
    name: 'identity:list_regions',
    checkStr: '',
    description: 'List regions.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'GET', path: '/v3/regions' }, { method: 'HEAD', path: '/v3/regions' }],
  },
  {
    name: 'identity:create_region',
    checkStr: 'rule:admin_required',
    description: 'Create region.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'POST', path: '/v3/regions' },
      { method: 'PUT', path: '/v3/regions/{region_id}' },
    ],
    deprecatedRule: {
      name: 'identity:create_region',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:update_region',
    checkStr: 'rule:admin_required',
    description: 'Update region.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/regions/{region_id}' }],
    deprecatedRule: {
      name: 'identity:update_region',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:delete_region',
    checkStr: 'rule:admin_required',
    description: 'Delete region.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/regions/{region_id}' }],
    deprecatedRule: {
      name: 'identity:delete_region',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
];
