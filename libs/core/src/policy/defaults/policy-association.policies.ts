/**
 * Keystone 22 default rules of keystone/common/policies/policy_association.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The policy association API is now aware of system scope and default roles.';

export const policyAssociationPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:create_policy_association_for_endpoint',
    checkStr: 'rule:admin_required',
    description: 'Associate a policy to a specific endpoint.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'PUT', path: '/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/endpoints/{endpoint_id}' },
    ],
    deprecatedRule: {
      name: 'identity:create_policy_association_for_endpoint',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:check_policy_association_for_endpoint',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Check policy association for endpoint.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/endpoints/{endpoint_id}' },
      { method: 'HEAD', path: '/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/endpoints/{endpoint_id}' },
    ],
    deprecatedRule: {
      name: 'identity:check_policy_association_for_endpoint',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:delete_policy_association_for_endpoint',
    checkStr: 'rule:admin_required',
    description: 'Delete policy association for endpoint.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'DELETE', path: '/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/endpoints/{endpoint_id}' },
    ],
    deprecatedRule: {
      name: 'identity:delete_policy_association_for_endpoint',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:create_policy_association_for_service',
    checkStr: 'rule:admin_required',
    description: 'Associate a policy to a specific service.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'PUT', path: '/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}' },
    ],
    deprecatedRule: {
      name: 'identity:create_policy_association_for_service',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:check_policy_association_for_service',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Check policy association for service.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}' },
      { method: 'HEAD', path: '/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}' },
    ],
    deprecatedRule: {
      name: 'identity:check_policy_association_for_service',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:delete_policy_association_for_service',
    checkStr: 'rule:admin_required',
    description: 'Delete policy association for service.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'DELETE', path: '/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}' },
    ],
    deprecatedRule: {
      name: 'identity:delete_policy_association_for_service',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:create_policy_association_for_region_and_service',
    checkStr: 'rule:admin_required',
    description: 'Associate a policy to a specific region and service combination.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'PUT', path: '/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}/regions/{region_id}' },
    ],
    deprecatedRule: {
      name: 'identity:create_policy_association_for_region_and_service',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:check_policy_association_for_region_and_service',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Check policy association for region and service.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}/regions/{region_id}' },
      { method: 'HEAD', path: '/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}/regions/{region_id}' },
    ],
    deprecatedRule: {
      name: 'identity:check_policy_association_for_region_and_service',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:delete_policy_association_for_region_and_service',
    checkStr: 'rule:admin_required',
    description: 'Delete policy association for region and service.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'DELETE', path: '/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}/regions/{region_id}' },
    ],
    deprecatedRule: {
      name: 'identity:delete_policy_association_for_region_and_service',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:get_policy_for_endpoint',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Get policy for endpoint.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/endpoints/{endpoint_id}/OS-ENDPOINT-POLICY/policy' },
      { method: 'HEAD', path: '/v3/endpoints/{endpoint_id}/OS-ENDPOINT-POLICY/policy' },
    ],
    deprecatedRule: {
      name: 'identity:get_policy_for_endpoint',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:list_endpoints_for_policy',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List endpoints for policy.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/endpoints' }],
    deprecatedRule: {
      name: 'identity:list_endpoints_for_policy',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
];
