/**
 * Keystone 22 default rules of keystone/common/policies/mapping.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The federated mapping API is now aware of system scope and default roles.';

export const mappingPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:create_mapping',
    checkStr: 'rule:admin_required',
    description: 'Create a new federated mapping containing one or more sets of rules.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PUT', path: '/v3/OS-FEDERATION/mappings/{mapping_id}' }],
    deprecatedRule: {
      name: 'identity:create_mapping',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:get_mapping',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Get a federated mapping.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-FEDERATION/mappings/{mapping_id}' },
      { method: 'HEAD', path: '/v3/OS-FEDERATION/mappings/{mapping_id}' },
    ],
    deprecatedRule: {
      name: 'identity:get_mapping',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_mappings',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List federated mappings.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-FEDERATION/mappings' },
      { method: 'HEAD', path: '/v3/OS-FEDERATION/mappings' },
    ],
    deprecatedRule: {
      name: 'identity:list_mappings',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:delete_mapping',
    checkStr: 'rule:admin_required',
    description: 'Delete a federated mapping.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/OS-FEDERATION/mappings/{mapping_id}' }],
    deprecatedRule: {
      name: 'identity:delete_mapping',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:update_mapping',
    checkStr: 'rule:admin_required',
    description: 'Update a federated mapping.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/OS-FEDERATION/mappings/{mapping_id}' }],
    deprecatedRule: {
      name: 'identity:update_mapping',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
];
