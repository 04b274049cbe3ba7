/** Keystone 22 default rules from keystone/common/policies/auth.py (data: names and check strings must stay identical). */
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
