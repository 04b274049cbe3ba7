/**
 * Keystone 22 default rules of keystone/common/policies/domain_config.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

const DEPRECATED_REASON =
  'The domain config API is now aware of system scope and default roles.';

export const domainConfigPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:create_domain_config',
    checkStr: 'rule:admin_required',
    description: 'Create domain configuration.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'PUT', path: '/v3/domains/{domain_id}/config' }],
    deprecatedRule: {
      name: 'identity:create_domain_config',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:get_domain_config',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Get the entire domain configuration for a domain, an option group within a ' +
      'domain, or a specific configuration option within a group for a domain.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/domains/{domain_id}/config' },
      { method: 'HEAD', path: '/v3/domains/{domain_id}/config' },
      { method: 'GET', path: '/v3/domains/{domain_id}/config/{group}' },
      { method: 'HEAD', path: '/v3/domains/{domain_id}/config/{group}' },
      { method: 'GET', path: '/v3/domains/{domain_id}/config/{group}/{option}' },
      { method: 'HEAD', path: '/v3/domains/{domain_id}/config/{group}/{option}' },
    ],
    deprecatedRule: {
      name: 'identity:get_domain_config',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:get_security_compliance_domain_config',
    checkStr: '',
    description: 'Get security compliance domain configuration for either a domain or a specific ' +
      'option in a domain.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [
      { method: 'GET', path: '/v3/domains/{domain_id}/config/security_compliance' },
      { method: 'HEAD', path: '/v3/domains/{domain_id}/config/security_compliance' },
      { method: 'GET', path: '/v3/domains/{domain_id}/config/security_compliance/{option}' },
      { method: 'HEAD', path: '/v3/domains/{domain_id}/config/security_compliance/{option}' },
    ],
  },
  {
    name: 'identity:update_domain_config',
    checkStr: 'rule:admin_required',
    description: 'Update domain configuration for either a domain, specific group or a specific ' +
      'option in a group.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'PATCH', path: '/v3/domains/{domain_id}/config' },
      { method: 'PATCH', path: '/v3/domains/{domain_id}/config/{group}' },
      { method: 'PATCH', path: '/v3/domains/{domain_id}/config/{group}/{option}' },
    ],
    deprecatedRule: {
      name: 'identity:update_domain_config',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:delete_domain_config',
    checkStr: 'rule:admin_required',
    description: 'Delete domain configuration for either a domain, specific group or a specific ' +
      'option in a group.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'DELETE', path: '/v3/domains/{domain_id}/config' },
      { method: 'DELETE', path: '/v3/domains/{domain_id}/config/{group}' },
      { method: 'DELETE', path: '/v3/domains/{domain_id}/config/{group}/{option}' },
    ],
    deprecatedRule: {
      name: 'identity:delete_domain_config',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
  {
    name: 'identity:get_domain_config_default',
    checkStr: 'rule:admin_required or (role:reader and system_scope:all)',
    description: 'Get domain configuration default for either a domain, specific group or a ' +
      'specific option in a group.',
    scopeTypes: ['system', 'project'],
    operations: [
      { method: 'GET', path: '/v3/domains/config/default' },
      { method: 'HEAD', path: '/v3/domains/config/default' },
      { method: 'GET', path: '/v3/domains/config/{group}/default' },
      { method: 'HEAD', path: '/v3/domains/config/{group}/default' },
      { method: 'GET', path: '/v3/domains/config/{group}/{option}/default' },
      { method: 'HEAD', path: '/v3/domains/config/{group}/{option}/default' },
    ],
    deprecatedRule: {
      name: 'identity:get_domain_config_default',
      checkStr: 'rule:admin_required',
      deprecatedReason: DEPRECATED_REASON,
      deprecatedSince: 'T',
    },
  },
];
