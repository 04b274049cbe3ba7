/**
 * Keystone 22 default rules of keystone/common/policies/endpoint_group.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The endpoint groups API is now aware of system scope and default roles.';

export const endpointGroupPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:create_endpoint_group',
    checkStr: 'rule:admin_required',
    description: 'Create endpoint group.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'POST', path: '/v3/OS-EP-FILTER/endpoint_groups' }],
    deprecatedRule: {
      name: 'identity:create_endpoint_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:list_endpoint_groups',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List endpoint groups.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/OS-EP-FILTER/endpoint_groups' }],
    deprecatedRule: {
      name: 'identity:list_endpoint_groups',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:get_endpoint_group',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Get endpoint group.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}' },
      { method: 'HEAD', path: '/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}' },
    ],
    deprecatedRule: {
      name: 'identity:get_endpoint_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:update_endpoint_group',
    checkStr: 'rule:admin_required',
    description: 'Update endpoint group.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}' }],
    deprecatedRule: {
      name: 'identity:update_endpoint_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:delete_endpoint_group',
    checkStr: 'rule:admin_required',
    description: 'Delete endpoint group.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'DELETE', path: '/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}' },
    ],
    deprecatedRule: {
      name: 'identity:delete_endpoint_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:list_projects_associated_with_endpoint_group',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List all projects associated with a specific endpoint group.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects' },
    ],
    deprecatedRule: {
      name: 'identity:list_projects_associated_with_endpoint_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:list_endpoints_associated_with_endpoint_group',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List all endpoints associated with an endpoint group.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/endpoints' },
    ],
    deprecatedRule: {
      name: 'identity:list_endpoints_associated_with_endpoint_group',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:get_endpoint_group_in_project',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Check if an endpoint group is associated with a project.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects/{project_id}' },
      { method: 'HEAD', path: '/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects/{project_id}' },
    ],
    deprecatedRule: {
      name: 'identity:get_endpoint_group_in_project',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:list_endpoint_groups_for_project',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List endpoint groups associated with a specific project.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/OS-EP-FILTER/projects/{project_id}/endpoint_groups' }],
    deprecatedRule: {
      name: 'identity:list_endpoint_groups_for_project',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:add_endpoint_group_to_project',
    checkStr: 'rule:admin_required',
    description: 'Allow a project to access an endpoint group.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'PUT', path: '/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects/{project_id}' },
    ],
    deprecatedRule: {
      name: 'identity:add_endpoint_group_to_project',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:remove_endpoint_group_from_project',
    checkStr: 'rule:admin_required',
    description: 'Remove endpoint group from project.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'DELETE', path: '/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects/{project_id}' },
    ],
    deprecatedRule: {
      name: 'identity:remove_endpoint_group_from_project',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
];
