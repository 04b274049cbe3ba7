/**
 * Keystone 22 default rules of keystone/common/policies/group.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The group API is now aware of system scope and default roles.';

export const groupPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_group',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and ' +
      'domain_id:%(target.group.domain_id)s)',
    description: 'Show group details.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'GET', path: '/v3/groups/{group_id}' },
      { method: 'HEAD', path: '/v3/groups/{group_id}' },
    ],
    deprecatedRule: {
      name: 'identity:get_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_groups',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and ' +
      'domain_id:%(target.group.domain_id)s)',
    description: 'List groups.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'GET', path: '/v3/groups' }, { method: 'HEAD', path: '/v3/groups' }],
    deprecatedRule: {
      name: 'identity:list_groups',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_groups_for_user',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and ' +
      'domain_id:%(target.user.domain_id)s) or user_id:%(user_id)s',
    description: 'List groups to which a user belongs.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'GET', path: '/v3/users/{user_id}/groups' },
      { method: 'HEAD', path: '/v3/users/{user_id}/groups' },
    ],
    deprecatedRule: {
      name: 'identity:list_groups_for_user',
      checkStr: 'rule:admin_or_owner',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:create_group',
    checkStr: 'rule:admin_required',
    description: 'Create group.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'POST', path: '/v3/groups' }],
    deprecatedRule: {
      name: 'identity:create_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:update_group',
    checkStr: 'rule:admin_required',
    description: 'Update group.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/groups/{group_id}' }],
    deprecatedRule: {
      name: 'identity:update_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:delete_group',
    checkStr: 'rule:admin_required',
    description: 'Delete group.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/groups/{group_id}' }],
    deprecatedRule: {
      name: 'identity:delete_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_users_in_group',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and ' +
      'domain_id:%(target.group.domain_id)s)',
    description: 'List members of a specific group.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'GET', path: '/v3/groups/{group_id}/users' },
      { method: 'HEAD', path: '/v3/groups/{group_id}/users' },
    ],
    deprecatedRule: {
      name: 'identity:list_users_in_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:remove_user_from_group',
    checkStr: 'rule:admin_required',
    description: 'Remove user from group.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/groups/{group_id}/users/{user_id}' }],
    deprecatedRule: {
      name: 'identity:remove_user_from_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:check_user_in_group',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and ' +
      'domain_id:%(target.group.domain_id)s and domain_id:%(target.user.domain_id)s)',
    description: 'Check whether a user is a member of a group.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'HEAD', path: '/v3/groups/{group_id}/users/{user_id}' },
      { method: 'GET', path: '/v3/groups/{group_id}/users/{user_id}' },
    ],
    deprecatedRule: {
      name: 'identity:check_user_in_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:add_user_to_group',
    checkStr: 'rule:admin_required',
    description: 'Add user to group.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'PUT', path: '/v3/groups/{group_id}/users/{user_id}' }],
    deprecatedRule: {
      name: 'identity:add_user_to_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
];
