/**
 * Keystone 22 default rules of keystone/common/policies/identity_provider.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The identity provider API is now aware of system scope and default roles.';

export const identityProviderPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:create_identity_provider',
    checkStr: 'rule:admin_required',
    description: 'Create identity provider.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PUT', path: '/v3/OS-FEDERATION/identity_providers/{idp_id}' }],
    deprecatedRule: {
      name: 'identity:create_identity_provider',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_identity_providers',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List identity providers.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-FEDERATION/identity_providers' },
      { method: 'HEAD', path: '/v3/OS-FEDERATION/identity_providers' },
    ],
    deprecatedRule: {
      name: 'identity:list_identity_providers',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:get_identity_provider',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Get identity provider.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-FEDERATION/identity_providers/{idp_id}' },
      { method: 'HEAD', path: '/v3/OS-FEDERATION/identity_providers/{idp_id}' },
    ],
    deprecatedRule: {
      name: 'identity:get_identity_provider',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:update_identity_provider',
    checkStr: 'rule:admin_required',
    description: 'Update identity provider.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/OS-FEDERATION/identity_providers/{idp_id}' }],
    deprecatedRule: {
      name: 'identity:update_identity_provider',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:delete_identity_provider',
    checkStr: 'rule:admin_required',
    description: 'Delete identity provider.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/OS-FEDERATION/identity_providers/{idp_id}' }],
    deprecatedRule: {
      name: 'identity:delete_identity_provider',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
];
