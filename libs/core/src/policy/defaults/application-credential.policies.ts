/**
 * Keystone 22 default rules of keystone/common/policies/application_credential.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The application credential API is now aware of system scope and default roles.';

export const applicationCredentialPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_application_credential',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or rule:owner',
    description: 'Show application credential details.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/users/{user_id}/application_credentials/{application_credential_id}' },
      { method: 'HEAD', path: '/v3/users/{user_id}/application_credentials/{application_credential_id}' },
    ],
    deprecatedRule: {
      name: 'identity:get_application_credential',
      checkStr: 'rule:admin_or_owner',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:list_application_credentials',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or rule:owner',
    description: 'List application credentials for a user.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/users/{user_id}/application_credentials' },
      { method: 'HEAD', path: '/v3/users/{user_id}/application_credentials' },
    ],
    deprecatedRule: {
      name: 'identity:list_application_credentials',
      checkStr: 'rule:admin_or_owner',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:create_application_credential',
    checkStr: 'user_id:%(user_id)s',
    description: 'Create an application credential.',
    scopeTypes: ['project'],
    operations: [{ method: 'POST', path: '/v3/users/{user_id}/application_credentials' }],
  },
  {
    name: 'identity:delete_application_credential',
    checkStr: 'rule:admin_or_owner',
    description: 'Delete an application credential.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'DELETE', path: '/v3/users/{user_id}/application_credentials/{application_credential_id}' },
    ],
    deprecatedRule: {
      name: 'identity:delete_application_credential',
      checkStr: 'rule:admin_or_owner',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
];
