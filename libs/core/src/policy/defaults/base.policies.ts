/**
 * Keystone 22 default rules of keystone/common/policies/base.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

export const basePolicies: readonly RuleDefault[] = [
  {
    name: 'admin_required',
    checkStr: 'role:admin or is_admin:1',
  },
  {
    name: 'service_role',
    checkStr: 'role:service',
  },
  {
    name: 'service_or_admin',
    checkStr: 'rule:admin_required or rule:service_role',
  },
  {
    name: 'owner',
    checkStr: 'user_id:%(user_id)s',
  },
  {
    name: 'admin_or_owner',
    checkStr: 'rule:admin_required or rule:owner',
  },
  {
    name: 'token_subject',
    checkStr: 'user_id:%(target.token.user_id)s',
  },
  {
    name: 'admin_or_token_subject',
    checkStr: 'rule:admin_required or rule:token_subject',
  },
  {
    name: 'service_admin_or_token_subject',
    checkStr: 'rule:service_or_admin or rule:token_subject',
  },
];
