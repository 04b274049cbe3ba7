/**
 * Keystone 22 default rules of keystone/common/policies/protocol.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The federated protocol API is now aware of system scope and default roles.';

export const protocolPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:create_protocol',
    checkStr: 'rule:admin_required',
    description: 'Create federated protocol.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'PUT', path: '/v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}' },
    ],
    deprecatedRule: {
      name: 'identity:create_protocol',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:update_protocol',
    checkStr: 'rule:admin_required',
    description: 'Update federated protocol.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'PATCH', path: '/v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}' },
    ],
    deprecatedRule: {
      name: 'identity:update_protocol',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:get_protocol',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Get federated protocol.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}' },
    ],
    deprecatedRule: {
      name: 'identity:get_protocol',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_protocols',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List federated protocols.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-FEDERATION/identity_providers/{idp_id}/protocols' },
    ],
    deprecatedRule: {
      name: 'identity:list_protocols',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:delete_protocol',
    checkStr: 'rule:admin_required',
    description: 'Delete federated protocol.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'DELETE', path: '/v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}' },
    ],
    deprecatedRule: {
      name: 'identity:delete_protocol',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
];
