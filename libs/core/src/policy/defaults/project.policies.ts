/**
 * Keystone 22 default rules of keystone/common/policies/project.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The project API is now aware of system scope and default roles.';

export const projectPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_project',
    checkStr: '(role:reader and system_scope:all) or (role:reader and ' +
      'domain_id:%(target.project.domain_id)s) or project_id:%(target.project.id)s',
    description: 'Show project details.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'GET', path: '/v3/projects/{project_id}' }],
    deprecatedRule: {
      name: 'identity:get_project',
      checkStr: 'rule:admin_required or project_id:%(target.project.id)s',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_projects',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and ' +
      'domain_id:%(target.domain_id)s)',
    description: 'List projects.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'GET', path: '/v3/projects' }],
    deprecatedRule: {
      name: 'identity:list_projects',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_user_projects',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and ' +
      'domain_id:%(target.user.domain_id)s) or user_id:%(target.user.id)s',
    description: 'List projects for user.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'GET', path: '/v3/users/{user_id}/projects' }],
    deprecatedRule: {
      name: 'identity:list_user_projects',
      checkStr: 'rule:admin_or_owner',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:create_project',
    checkStr: 'rule:admin_required',
    description: 'Create project.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'POST', path: '/v3/projects' }],
    deprecatedRule: {
      name: 'identity:create_project',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:update_project',
    checkStr: 'rule:admin_required',
    description: 'Update project.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/projects/{project_id}' }],
    deprecatedRule: {
      name: 'identity:update_project',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:delete_project',
    checkStr: 'rule:admin_required',
    description: 'Delete project.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/projects/{project_id}' }],
    deprecatedRule: {
      name: 'identity:delete_project',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_project_tags',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and ' +
      'domain_id:%(target.project.domain_id)s) or project_id:%(target.project.id)s',
    description: 'List tags for a project.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'GET', path: '/v3/projects/{project_id}/tags' },
      { method: 'HEAD', path: '/v3/projects/{project_id}/tags' },
    ],
    deprecatedRule: {
      name: 'identity:list_project_tags',
      checkStr: 'rule:admin_required or project_id:%(target.project.id)s',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:get_project_tag',
    checkStr: '(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and ' +
      'domain_id:%(target.project.domain_id)s) or project_id:%(target.project.id)s',
    description: 'Check if project contains a tag.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'GET', path: '/v3/projects/{project_id}/tags/{value}' },
      { method: 'HEAD', path: '/v3/projects/{project_id}/tags/{value}' },
    ],
    deprecatedRule: {
      name: 'identity:get_project_tag',
      checkStr: 'rule:admin_required or project_id:%(target.project.id)s',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:update_project_tags',
    checkStr: 'rule:admin_required',
    description: 'Replace all tags on a project with the new set of tags.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'PUT', path: '/v3/projects/{project_id}/tags' }],
    deprecatedRule: {
      name: 'identity:update_project_tags',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:create_project_tag',
    checkStr: 'rule:admin_required',
    description: 'Add a single tag to a project.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'PUT', path: '/v3/projects/{project_id}/tags/{value}' }],
    deprecatedRule: {
      name: 'identity:create_project_tag',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:delete_project_tags',
    checkStr: 'rule:admin_required',
    description: 'Remove all tags from a project.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/projects/{project_id}/tags' }],
    deprecatedRule: {
      name: 'identity:delete_project_tags',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:delete_project_tag',
    checkStr: 'rule:admin_required',
    description: 'Delete a specified tag from project.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/projects/{project_id}/tags/{value}' }],
    deprecatedRule: {
      name: 'identity:delete_project_tag',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
];
