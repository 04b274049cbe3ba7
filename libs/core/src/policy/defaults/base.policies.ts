/** Keystone 22 default rules from keystone/common/policies/base.py (data: names and check strings must stay identical). */
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
