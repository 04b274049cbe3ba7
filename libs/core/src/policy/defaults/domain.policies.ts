/**
 * Keystone 22 default rules of keystone/common/policies/domain.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The domain API is now aware of system scope and default roles.';

export const domainPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_domain',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all) or ' +
      'token.domain.id:%(target.domain.id)s or ' +
      'token.project.domain.id:%(target.domain.id)s',
    description: 'Show domain details.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'GET', path: '/v3/domains/{domain_id}' }],
    deprecatedRule: {
      name: 'identity:get_domain',
      checkStr: 'rule:admin_required or token.project.domain.id:%(target.domain.id)s',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:list_domains',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'List domains.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/domains' }],
    deprecatedRule: {
      name: 'identity:list_domains',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:create_domain',
    checkStr: 'rule:admin_required',
    description: 'Create domain.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'POST', path: '/v3/domains' }],
    deprecatedRule: {
      name: 'identity:create_domain',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:update_domain',
    checkStr: 'rule:admin_required',
    description: 'Update domain.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PATCH', path: '/v3/domains/{domain_id}' }],
    deprecatedRule: {
      name: 'identity:update_domain',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
  {
    name: 'identity:delete_domain',
    checkStr: 'rule:admin_required',
    description: 'Delete domain.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'DELETE', path: '/v3/domains/{domain_id}' }],
    deprecatedRule: {
      name: 'identity:delete_domain',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'S',
    },
  },
];
