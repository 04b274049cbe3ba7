/**
 * Keystone 22 default rules of keystone/common/policies/service_provider.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The service provider API is now aware of system scope and default roles.';

export const serviceProviderPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:create_service_provider',
    checkStr: 'rule:admin_required',
    description: 'Create federated service provider.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'PUT', path: '/v3/OS-FEDERATION/service_providers/{service_provider_id}' },
    ],
    deprecatedRule: {
      name: 'identity:create_service_provider',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_service_providers',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List federated service providers.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-FEDERATION/service_providers' },
      { method: 'HEAD', path: '/v3/OS-FEDERATION/service_providers' },
    ],
    deprecatedRule: {
      name: 'identity:list_service_providers',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:get_service_provider',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Get federated service provider.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-FEDERATION/service_providers/{service_provider_id}' },
      { method: 'HEAD', path: '/v3/OS-FEDERATION/service_providers/{service_provider_id}' },
    ],
    deprecatedRule: {
      name: 'identity:get_service_provider',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:update_service_provider',
    checkStr: 'rule:admin_required',
    description: 'Update federated service provider.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'PATCH', path: '/v3/OS-FEDERATION/service_providers/{service_provider_id}' },
    ],
    deprecatedRule: {
      name: 'identity:update_service_provider',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:delete_service_provider',
    checkStr: 'rule:admin_required',
    description: 'Delete federated service provider.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'DELETE', path: '/v3/OS-FEDERATION/service_providers/{service_provider_id}' },
    ],
    deprecatedRule: {
      name: 'identity:delete_service_provider',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
];
