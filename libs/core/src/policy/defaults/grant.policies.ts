/**
 * Keystone 22 default rules of keystone/common/policies/grant.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The assignment API is now aware of system scope and default roles.';

export const grantPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:check_grant',
    checkStr: '(rule:admin_required) or ((role:reader and system_scope:all) or ((role:reader ' +
      'and domain_id:%(target.user.domain_id)s and ' +
      'domain_id:%(target.project.domain_id)s) or (role:reader and ' +
      'domain_id:%(target.user.domain_id)s and domain_id:%(target.domain.id)s) or ' +
      '(role:reader and domain_id:%(target.group.domain_id)s and ' +
      'domain_id:%(target.project.domain_id)s) or (role:reader and ' +
      'domain_id:%(target.group.domain_id)s and domain_id:%(target.domain.id)s)) and ' +
      '(domain_id:%(target.role.domain_id)s or None:%(target.role.domain_id)s))',
    description: 'Check a role grant between a target and an actor. A target can be either a ' +
      'domain or a project. An actor can be either a user or a group. These terms also ' +
      'apply to the OS-INHERIT APIs, where grants on the target are inherited to all ' +
      'projects in the subtree, if applicable.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'HEAD', path: '/v3/projects/{project_id}/users/{user_id}/roles/{role_id}' },
      { method: 'GET', path: '/v3/projects/{project_id}/users/{user_id}/roles/{role_id}' },
      { method: 'HEAD', path: '/v3/projects/{project_id}/groups/{group_id}/roles/{role_id}' },
      { method: 'GET', path: '/v3/projects/{project_id}/groups/{group_id}/roles/{role_id}' },
      { method: 'HEAD', path: '/v3/domains/{domain_id}/users/{user_id}/roles/{role_id}' },
      { method: 'GET', path: '/v3/domains/{domain_id}/users/{user_id}/roles/{role_id}' },
      { method: 'HEAD', path: '/v3/domains/{domain_id}/groups/{group_id}/roles/{role_id}' },
      { method: 'GET', path: '/v3/domains/{domain_id}/groups/{group_id}/roles/{role_id}' },
      { method: 'HEAD', path: '/v3/OS-INHERIT/projects/{project_id}/users/{user_id}/roles/{role_id}/inherited_to_projects' },
      { method: 'GET', path: '/v3/OS-INHERIT/projects/{project_id}/users/{user_id}/roles/{role_id}/inherited_to_projects' },
      { method: 'HEAD', path: '/v3/OS-INHERIT/projects/{project_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects' },
      { method: 'GET', path: '/v3/OS-INHERIT/projects/{project_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects' },
      { method: 'HEAD', path: '/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles/{role_id}/inherited_to_projects' },
      { method: 'GET', path: '/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles/{role_id}/inherited_to_projects' },
      { method: 'HEAD', path: '/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects' },
      { method: 'GET', path: '/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects' },
    ],
    deprecatedRule: {
      name: 'identity:check_grant',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_grants',
    checkStr: '(rule:admin_required) or ((role:reader and system_scope:all) or (role:reader ' +
      'and domain_id:%(target.user.domain_id)s and ' +
      'domain_id:%(target.project.domain_id)s) or (role:reader and ' +
      'domain_id:%(target.user.domain_id)s and domain_id:%(target.domain.id)s) or ' +
      '(role:reader and domain_id:%(target.group.domain_id)s and ' +
      'domain_id:%(target.project.domain_id)s) or (role:reader and ' +
      'domain_id:%(target.group.domain_id)s and domain_id:%(target.domain.id)s))',
    description: 'List roles granted to an actor on a target. A target can be either a domain or ' +
      'a project. An actor can be either a user or a group. For the OS-INHERIT APIs, ' +
      'it is possible to list inherited role grants for actors on domains, where ' +
      'grants are inherited to all projects in the specified domain.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'GET', path: '/v3/projects/{project_id}/users/{user_id}/roles' },
      { method: 'HEAD', path: '/v3/projects/{project_id}/users/{user_id}/roles' },
      { method: 'GET', path: '/v3/projects/{project_id}/groups/{group_id}/roles' },
      { method: 'HEAD', path: '/v3/projects/{project_id}/groups/{group_id}/roles' },
      { method: 'GET', path: '/v3/domains/{domain_id}/users/{user_id}/roles' },
      { method: 'HEAD', path: '/v3/domains/{domain_id}/users/{user_id}/roles' },
      { method: 'GET', path: '/v3/domains/{domain_id}/groups/{group_id}/roles' },
      { method: 'HEAD', path: '/v3/domains/{domain_id}/groups/{group_id}/roles' },
      { method: 'GET', path: '/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/inherited_to_projects' },
      { method: 'GET', path: '/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles/inherited_to_projects' },
    ],
    deprecatedRule: {
      name: 'identity:list_grants',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:create_grant',
    checkStr: '(rule:admin_required) or ((role:admin and domain_id:%(target.user.domain_id)s ' +
      'and domain_id:%(target.project.domain_id)s) or (role:admin and ' +
      'domain_id:%(target.user.domain_id)s and domain_id:%(target.domain.id)s) or ' +
      '(role:admin and domain_id:%(target.group.domain_id)s and ' +
      'domain_id:%(target.project.domain_id)s) or (role:admin and ' +
      'domain_id:%(target.group.domain_id)s and domain_id:%(target.domain.id)s)) and ' +
      '(domain_id:%(target.role.domain_id)s or None:%(target.role.domain_id)s)',
    description: 'Create a role grant between a target and an actor. A target can be either a ' +
      'domain or a project. An actor can be either a user or a group. These terms also ' +
      'apply to the OS-INHERIT APIs, where grants on the target are inherited to all ' +
      'projects in the subtree, if applicable.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'PUT', path: '/v3/projects/{project_id}/users/{user_id}/roles/{role_id}' },
      { method: 'PUT', path: '/v3/projects/{project_id}/groups/{group_id}/roles/{role_id}' },
      { method: 'PUT', path: '/v3/domains/{domain_id}/users/{user_id}/roles/{role_id}' },
      { method: 'PUT', path: '/v3/domains/{domain_id}/groups/{group_id}/roles/{role_id}' },
      { method: 'PUT', path: '/v3/OS-INHERIT/projects/{project_id}/users/{user_id}/roles/{role_id}/inherited_to_projects' },
      { method: 'PUT', path: '/v3/OS-INHERIT/projects/{project_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects' },
      { method: 'PUT', path: '/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles/{role_id}/inherited_to_projects' },
      { method: 'PUT', path: '/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects' },
    ],
    deprecatedRule: {
      name: 'identity:create_grant',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:revoke_grant',
    checkStr: '(rule:admin_required) or ((role:admin and domain_id:%(target.user.domain_id)s ' +
      'and domain_id:%(target.project.domain_id)s) or (role:admin and ' +
      'domain_id:%(target.user.domain_id)s and domain_id:%(target.domain.id)s) or ' +
      '(role:admin and domain_id:%(target.group.domain_id)s and ' +
      'domain_id:%(target.project.domain_id)s) or (role:admin and ' +
      'domain_id:%(target.group.domain_id)s and domain_id:%(target.domain.id)s)) and ' +
      '(domain_id:%(target.role.domain_id)s or None:%(target.role.domain_id)s)',
    description: 'Revoke a role grant between a target and an actor. A target can be either a ' +
      'domain or a project. An actor can be either a user or a group. These terms also ' +
      'apply to the OS-INHERIT APIs, where grants on the target are inherited to all ' +
      'projects in the subtree, if applicable. In that case, revoking the role grant ' +
      'in the target would remove the logical effect of inheriting it to the target\'s ' +
      'projects subtree.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'DELETE', path: '/v3/projects/{project_id}/users/{user_id}/roles/{role_id}' },
      { method: 'DELETE', path: '/v3/projects/{project_id}/groups/{group_id}/roles/{role_id}' },
      { method: 'DELETE', path: '/v3/domains/{domain_id}/users/{user_id}/roles/{role_id}' },
      { method: 'DELETE', path: '/v3/domains/{domain_id}/groups/{group_id}/roles/{role_id}' },
      { method: 'DELETE', path: '/v3/OS-INHERIT/projects/{project_id}/users/{user_id}/roles/{role_id}/inherited_to_projects' },
      { method: 'DELETE', path: '/v3/OS-INHERIT/projects/{project_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects' },
      { method: 'DELETE', path: '/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles/{role_id}/inherited_to_projects' },
      { method: 'DELETE', path: '/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects' },
    ],
    deprecatedRule: {
      name: 'identity:revoke_grant',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_system_grants_for_user',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List all grants a specific user has on the system.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: ['HEAD', 'GET'], path: '/v3/system/users/{user_id}/roles' }],
    deprecatedRule: {
      name: 'identity:list_system_grants_for_user',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:check_system_grant_for_user',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Check if a user has a role on the system.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: ['HEAD', 'GET'], path: '/v3/system/users/{user_id}/roles/{role_id}' }],
    deprecatedRule: {
      name: 'identity:check_system_grant_for_user',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:create_system_grant_for_user',
    checkStr: 'rule:admin_required',
    description: 'Grant a user a role on the system.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: ['PUT'], path: '/v3/system/users/{user_id}/roles/{role_id}' }],
    deprecatedRule: {
      name: 'identity:create_system_grant_for_user',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:revoke_system_grant_for_user',
    checkStr: 'rule:admin_required',
    description: 'Remove a role from a user on the system.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: ['DELETE'], path: '/v3/system/users/{user_id}/roles/{role_id}' }],
    deprecatedRule: {
      name: 'identity:revoke_system_grant_for_user',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_system_grants_for_group',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List all grants a specific group has on the system.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: ['HEAD', 'GET'], path: '/v3/system/groups/{group_id}/roles' }],
    deprecatedRule: {
      name: 'identity:list_system_grants_for_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:check_system_grant_for_group',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Check if a group has a role on the system.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: ['HEAD', 'GET'], path: '/v3/system/groups/{group_id}/roles/{role_id}' }],
    deprecatedRule: {
      name: 'identity:check_system_grant_for_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:create_system_grant_for_group',
    checkStr: 'rule:admin_required',
    description: 'Grant a group a role on the system.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: ['PUT'], path: '/v3/system/groups/{group_id}/roles/{role_id}' }],
    deprecatedRule: {
      name: 'identity:create_system_grant_for_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:revoke_system_grant_for_group',
    checkStr: 'rule:admin_required',
    description: 'Remove a role from a group on the system.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: ['DELETE'], path: '/v3/system/groups/{group_id}/roles/{role_id}' }],
    deprecatedRule: {
      name: 'identity:revoke_system_grant_for_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
];
