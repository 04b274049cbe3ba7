/**
 * Keystone 22 default rules of keystone/common/policies/credential.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The credential API is now aware of system scope and default roles.';

export const credentialPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_credential',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or ' +
      'user_id:%(target.credential.user_id)s',
    description: 'Show credentials details.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/credentials/{credential_id}' }],
    deprecatedRule: {
      name: 'identity:get_credential',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_credentials',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or ' +
      'user_id:%(target.credential.user_id)s',
    description: 'List credentials.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/credentials' }],
    deprecatedRule: {
      name: 'identity:list_credentials',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:create_credential',
    checkStr: '(rule:admin_required) or user_id:%(target.credential.user_id)s',
    description: 'Create credential.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'POST', path: '/v3/credentials' }],
    deprecatedRule: {
      name: 'identity:create_credential',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:update_credential',
    checkStr: '(rule:admin_required) or user_id:%(target.credential.user_id)s',
    description: 'Update credential.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/credentials/{credential_id}' }],
    deprecatedRule: {
      name: 'identity:update_credential',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:delete_credential',
    checkStr: '(rule:admin_required) or user_id:%(target.credential.user_id)s',
    description: 'Delete credential.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/credentials/{credential_id}' }],
    deprecatedRule: {
      name: 'identity:delete_credential',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
];
