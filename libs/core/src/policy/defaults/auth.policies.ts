/**
 * Keystone 22 default rules of keystone/common/policies/auth.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

export const authPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:get_auth_catalog',
    checkStr: '',
    description: 'Get service catalog.',
    operations: [
      { method: 'GET', path: '/v3/auth/catalog' },
      { method: 'HEAD', path: '/v3/auth/catalog' },
    ],
  },
  {
    name: 'identity:get_auth_projects',
    checkStr: '',
    description: 'List all projects a user has access to via role assignments.',
    operations: [
      { method: 'GET', path: '/v3/auth/projects' },
      { method: 'HEAD', path: '/v3/auth/projects' },
    ],
  },
  {
    name: 'identity:get_auth_domains',
    checkStr: '',
    description: 'List all domains a user has access to via role assignments.',
    operations: [
      { method: 'GET', path: '/v3/auth/domains' },
      { method: 'HEAD', path: '/v3/auth/domains' },
    ],
  },
  {
    name: 'identity:get_auth_system',
    checkStr: '',
    description: 'List systems a user has access to via role assignments.',
    operations: [
      { method: 'GET', path: '/v3/auth/system' },
      { method: 'HEAD', path: '/v3/auth/system' },
    ],
  },
];
