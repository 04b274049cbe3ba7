/**
 * Keystone 22 default rules of keystone/common/policies/project_endpoint.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  '\n' +
  'As of the Train release, the project endpoint API now understands default\n' +
  'roles and system-scoped tokens, making the API more granular by default without\n' +
  'compromising security. The new policy defaults account for these changes\n' +
  'automatically. Be sure to take these new defaults into consideration if you are\n' +
  'relying on overrides in your deployment for the project endpoint API.\n';

export const projectEndpointPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:list_projects_for_endpoint',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List projects allowed to access an endpoint.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/OS-EP-FILTER/endpoints/{endpoint_id}/projects' }],
    deprecatedRule: {
      name: 'identity:list_projects_for_endpoint',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:add_endpoint_to_project',
    checkStr: 'rule:admin_required',
    description: 'Allow project to access an endpoint.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'PUT', path: '/v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}' },
    ],
    deprecatedRule: {
      name: 'identity:add_endpoint_to_project',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:check_endpoint_in_project',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Check if a project is allowed to access an endpoint.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}' },
      { method: 'HEAD', path: '/v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}' },
    ],
    deprecatedRule: {
      name: 'identity:check_endpoint_in_project',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:list_endpoints_for_project',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List the endpoints a project is allowed to access.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/OS-EP-FILTER/projects/{project_id}/endpoints' }],
    deprecatedRule: {
      name: 'identity:list_endpoints_for_project',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:remove_endpoint_from_project',
    checkStr: 'rule:admin_required',
    description: 'Remove access to an endpoint from a project that has previously been given ' +
      'explicit access.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'DELETE', path: '/v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}' },
    ],
    deprecatedRule: {
      name: 'identity:remove_endpoint_from_project',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
];
