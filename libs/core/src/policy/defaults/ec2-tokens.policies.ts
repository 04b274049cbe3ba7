/**
 * Keystone 22 default rules of keystone/common/policies/ec2tokens.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

export const ec2TokensPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:ec2tokens_validate',
    checkStr: 'rule:service_or_admin',
    description: 'Validate EC2 credentials and create a Keystone token. Restricted to service ' +
      'users or administrators.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'POST', path: '/v3/ec2tokens' }],
  },
];
