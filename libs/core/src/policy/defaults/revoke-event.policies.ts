/**
 * Keystone 22 default rules of keystone/common/policies/revoke_event.py. Names and check strings are data
 * and must stay identical to Keystone's (policy-defaults.spec checks them).
 */
import type { RuleDefault } from '../policy.types';

export const revokeEventPolicies: readonly RuleDefault[] = [
  {
    name: 'identity:list_revoke_events',
    checkStr: 'rule:service_or_admin',
    description: 'List revocation events.',
    scopeTypes: ['system', 'project'],
    operations: [{ method: 'GET', path: '/v3/OS-REVOKE/events' }],
  },
];
