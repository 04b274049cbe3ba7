/**
 * Keystone 22 default rules of keystone/common/policies/role.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The role API is now aware of system scope and default roles.';

export const rolePolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_role',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Show role details.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/roles/{role_id}' },
      { method: 'HEAD', path: '/v3/roles/{role_id}' },
    ],
    deprecatedRule: {
      name: 'identity:get_role',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_roles',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List roles.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/roles' }, { method: 'HEAD', path: '/v3/roles' }],
    deprecatedRule: {
      name: 'identity:list_roles',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:create_role',
    checkStr: 'rule:admin_required',
    description: 'Create role.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'POST', path: '/v3/roles' }],
    deprecatedRule: {
      name: 'identity:create_role',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:update_role',
    checkStr: 'rule:admin_required',
    description: 'Update role.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/roles/{role_id}' }],
    deprecatedRule: {
      name: 'identity:update_role',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:delete_role',
    checkStr: 'rule:admin_required',
    description: 'Delete role.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/roles/{role_id}' }],
    deprecatedRule: {
      name: 'identity:delete_role',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:get_domain_role',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Show domain role.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/roles/{role_id}' },
      { method: 'HEAD', path: '/v3/roles/{role_id}' },
    ],
    deprecatedRule: {
      name: 'identity:get_domain_role',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:list_domain_roles',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List domain roles.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/roles?domain_id={domain_id}' },
      { method: 'HEAD', path: '/v3/roles?domain_id={domain_id}' },
    ],
    deprecatedRule: {
      name: 'identity:list_domain_roles',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:create_domain_role',
    checkStr: 'rule:admin_required',
    description: 'Create domain role.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'POST', path: '/v3/roles' }],
    deprecatedRule: {
      name: 'identity:create_domain_role',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:update_domain_role',
    checkStr: 'rule:admin_required',
    description: 'Update domain role.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/roles/{role_id}' }],
    deprecatedRule: {
      name: 'identity:update_domain_role',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:delete_domain_role',
    checkStr: 'rule:admin_required',
    description: 'Delete domain role.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/roles/{role_id}' }],
    deprecatedRule: {
      name: 'identity:delete_domain_role',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
];
