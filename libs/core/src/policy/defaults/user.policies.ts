/**
 * Keystone 22 default rules of keystone/common/policies/user.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The user API is now aware of system scope and default roles.';

export const userPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_user',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and ' +
      'token.domain.id:%(target.user.domain_id)s) or user_id:%(target.user.id)s',
    description: 'Show user details.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'GET', path: '/v3/users/{user_id}' },
      { method: 'HEAD', path: '/v3/users/{user_id}' },
    ],
    deprecatedRule: {
      name: 'identity:get_user',
      checkStr: 'rule:admin_or_owner',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_users',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and ' +
      'domain_id:%(target.domain_id)s)',
    description: 'List users.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'GET', path: '/v3/users' }, { method: 'HEAD', path: '/v3/users' }],
    deprecatedRule: {
      name: 'identity:list_users',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_projects_for_user',
    checkStr: '',
    description: 'List all projects a user has access to via role assignments.',
    operations: [{ method: 'GET', path: ' /v3/auth/projects' }],
  },
  {
    name: 'identity:list_domains_for_user',
    checkStr: '',
    description: 'List all domains a user has access to via role assignments.',
    operations: [{ method: 'GET', path: '/v3/auth/domains' }],
  },
  {
    name: 'identity:create_user',
    checkStr: 'rule:admin_required',
    description: 'Create a user.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'POST', path: '/v3/users' }],
    deprecatedRule: {
      name: 'identity:create_user',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:update_user',
    checkStr: 'rule:admin_required',
    description: 'Update a user, including administrative password resets.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/users/{user_id}' }],
    deprecatedRule: {
      name: 'identity:update_user',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:delete_user',
    checkStr: 'rule:admin_required',
    description: 'Delete a user.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/users/{user_id}' }],
    deprecatedRule: {
      name: 'identity:delete_user',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
];
