/**
 * Keystone 22 default rules of keystone/common/policies/s3tokens.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

export const s3TokensPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:s3tokens_validate',
    checkStr: 'rule:service_or_admin',
    description: 'Validate S3 credentials and create a Keystone token. Restricted to service ' +
      'users or administrators to prevent exploitation via presigned URLs.',
    scopeTypes: ['system', 'domain', 'project'],
    operations: [{ method: 'POST', path: '/v3/s3tokens' }],
  },
];
