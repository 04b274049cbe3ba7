/**
 * Keystone 22 default rules of keystone/common/policies/token_revocation.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

export const tokenRevocationPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:revocation_list',
    checkStr: 'rule:service_or_admin',
    description: 'List revoked PKI tokens.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/auth/tokens/OS-PKI/revoked' }],
    deprecatedForRemoval: true,
    deprecatedReason: '\n' +
      'The identity:revocation_list policy isn\'t used to protect any APIs in keystone\n' +
      'now that the revocation list API has been deprecated and only returns a 410 or\n' +
      '403 depending on how keystone is configured. This policy can be safely removed\n' +
      'from policy files.\n',
    deprecatedSince: 'T',
  },
];
