/**
 * Keystone 22 default rules of keystone/common/policies/ec2_credential.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The EC2 credential API is now aware of system scope and default roles.';

export const ec2CredentialPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:ec2_get_credential',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or ' +
      'user_id:%(target.credential.user_id)s',
    description: 'Show ec2 credential details.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/users/{user_id}/credentials/OS-EC2/{credential_id}' }],
    deprecatedRule: {
      name: 'identity:ec2_get_credential',
      checkStr: 'rule:admin_required or (rule:owner and user_id:%(target.credential.user_id)s)',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:ec2_list_credentials',
    checkStr: '(rule:admin_required) or (role:member and user_id:%(target.credential.user_id)s)',
    description: 'List ec2 credentials.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/users/{user_id}/credentials/OS-EC2' }],
    deprecatedRule: {
      name: 'identity:ec2_list_credentials',
      checkStr: 'rule:admin_or_owner',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:ec2_create_credential',
    checkStr: '(rule:admin_required) or (role:member and user_id:%(target.credential.user_id)s)',
    description: 'Create ec2 credential.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'POST', path: '/v3/users/{user_id}/credentials/OS-EC2' }],
    deprecatedRule: {
      name: 'identity:ec2_create_credential',
      checkStr: 'rule:admin_or_owner',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:ec2_delete_credential',
    checkStr: '(rule:admin_required) or user_id:%(target.credential.user_id)s',
    description: 'Delete ec2 credential.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'DELETE', path: '/v3/users/{user_id}/credentials/OS-EC2/{credential_id}' },
    ],
    deprecatedRule: {
      name: 'identity:ec2_delete_credential',
      checkStr: 'rule:admin_required or (rule:owner and user_id:%(target.credential.user_id)s)',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
];
