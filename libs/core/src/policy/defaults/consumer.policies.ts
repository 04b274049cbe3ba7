/**
 * Keystone 22 default rules of keystone/common/policies/consumer.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The OAUTH1 consumer API is now aware of system scope and default roles.';

export const consumerPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_consumer',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Show OAUTH1 consumer details.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/OS-OAUTH1/consumers/{consumer_id}' }],
    deprecatedRule: {
      name: 'identity:get_consumer',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:list_consumers',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List OAUTH1 consumers.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/OS-OAUTH1/consumers' }],
    deprecatedRule: {
      name: 'identity:list_consumers',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:create_consumer',
    checkStr: 'rule:admin_required',
    description: 'Create OAUTH1 consumer.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'POST', path: '/v3/OS-OAUTH1/consumers' }],
    deprecatedRule: {
      name: 'identity:create_consumer',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:update_consumer',
    checkStr: 'rule:admin_required',
    description: 'Update OAUTH1 consumer.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/OS-OAUTH1/consumers/{consumer_id}' }],
    deprecatedRule: {
      name: 'identity:update_consumer',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:delete_consumer',
    checkStr: 'rule:admin_required',
    description: 'Delete OAUTH1 consumer.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/OS-OAUTH1/consumers/{consumer_id}' }],
    deprecatedRule: {
      name: 'identity:delete_consumer',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
];
