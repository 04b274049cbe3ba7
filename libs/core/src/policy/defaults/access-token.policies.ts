/**
 * Keystone 22 default rules of keystone/common/policies/access_token.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

export const accessTokenPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:authorize_request_token',
    checkStr: 'rule:admin_required',
    description: 'Authorize OAUTH1 request token.',
    scopeTypes: ['project'],
    operations: [{ method: 'PUT', path: '/v3/OS-OAUTH1/authorize/{request_token_id}' }],
  },
  {
    name: 'identity:get_access_token',
    checkStr: 'rule:admin_required',
    description: 'Get OAUTH1 access token for user by access token ID.',
    scopeTypes: ['project'],
    operations: [
      { method: 'GET', path: '/v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}' },
    ],
  },
  {
    name: 'identity:get_access_token_role',
    checkStr: 'rule:admin_required',
    description: 'Get role for user OAUTH1 access token.',
    scopeTypes: ['project'],
    operations: [
      { method: 'GET', path: '/v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}/roles/{role_id}' },
    ],
  },
  {
    name: 'identity:list_access_tokens',
    checkStr: 'rule:admin_required',
    description: 'List OAUTH1 access tokens for user.',
    scopeTypes: ['project'],
    operations: [{ method: 'GET', path: '/v3/users/{user_id}/OS-OAUTH1/access_tokens' }],
  },
  {
    name: 'identity:list_access_token_roles',
    checkStr: 'rule:admin_required',
    description: 'List OAUTH1 access token roles.',
    scopeTypes: ['project'],
    operations: [
      { method: 'GET', path: '/v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}/roles' },
    ],
  },
  {
    name: 'identity:delete_access_token',
    checkStr: 'rule:admin_required',
    description: 'Delete OAUTH1 access token.',
    scopeTypes: ['project'],
    operations: [
      { method: 'DELETE', path: '/v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}' },
    ],
  },
];
