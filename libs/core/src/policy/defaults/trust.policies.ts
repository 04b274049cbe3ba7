/**
 * Keystone 22 default rules of keystone/common/policies/trust.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The trust API is now aware of system scope and default roles.';

export const trustPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:create_trust',
    checkStr: 'user_id:%(target.trust.trustor_user_id)s',
    description: 'Create trust.',
    scopeTypes: ['project'],
    operations: [{ method: 'POST', path: '/v3/OS-TRUST/trusts' }],
  },
  {
    name: 'identity:list_trusts',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List trusts.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-TRUST/trusts' },
      { method: 'HEAD', path: '/v3/OS-TRUST/trusts' },
    ],
    deprecatedRule: {
      name: 'identity:list_trusts',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:list_trusts_for_trustor',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all or ' +
      'user_id:%(target.trust.trustor_user_id)s)',
    description: 'List trusts for trustor.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-TRUST/trusts?trustor_user_id={trustor_user_id}' },
      { method: 'HEAD', path: '/v3/OS-TRUST/trusts?trustor_user_id={trustor_user_id}' },
    ],
  },
  {
    name: 'identity:list_trusts_for_trustee',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all or ' +
      'user_id:%(target.trust.trustee_user_id)s)',
    description: 'List trusts for trustee.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-TRUST/trusts?trustee_user_id={trustee_user_id}' },
      { method: 'HEAD', path: '/v3/OS-TRUST/trusts?trustee_user_id={trustee_user_id}' },
    ],
  },
  {
    name: 'identity:list_roles_for_trust',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all or ' +
      'user_id:%(target.trust.trustor_user_id)s or ' +
      'user_id:%(target.trust.trustee_user_id)s)',
    description: 'List roles delegated by a trust.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-TRUST/trusts/{trust_id}/roles' },
      { method: 'HEAD', path: '/v3/OS-TRUST/trusts/{trust_id}/roles' },
    ],
    deprecatedRule: {
      name: 'identity:list_roles_for_trust',
      checkStr: 'user_id:%(target.trust.trustor_user_id)s or ' +
        'user_id:%(target.trust.trustee_user_id)s',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:get_role_for_trust',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all or ' +
      'user_id:%(target.trust.trustor_user_id)s or ' +
      'user_id:%(target.trust.trustee_user_id)s)',
    description: 'Check if trust delegates a particular role.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-TRUST/trusts/{trust_id}/roles/{role_id}' },
      { method: 'HEAD', path: '/v3/OS-TRUST/trusts/{trust_id}/roles/{role_id}' },
    ],
    deprecatedRule: {
      name: 'identity:get_role_for_trust',
      checkStr: 'user_id:%(target.trust.trustor_user_id)s or ' +
        'user_id:%(target.trust.trustee_user_id)s',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:delete_trust',
    checkStr: 'rule:admin_required or user_id:%(target.trust.trustor_user_id)s',
    description: 'Revoke trust.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/OS-TRUST/trusts/{trust_id}' }],
    deprecatedRule: {
      name: 'identity:delete_trust',
      checkStr: 'user_id:%(target.trust.trustor_user_id)s',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:get_trust',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all or ' +
      'user_id:%(target.trust.trustor_user_id)s or ' +
      'user_id:%(target.trust.trustee_user_id)s)',
    description: 'Get trust.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-TRUST/trusts/{trust_id}' },
      { method: 'HEAD', path: '/v3/OS-TRUST/trusts/{trust_id}' },
    ],
    deprecatedRule: {
      name: 'identity:get_trust',
      checkStr: 'user_id:%(target.trust.trustor_user_id)s or ' +
        'user_id:%(target.trust.trustee_user_id)s',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
];
