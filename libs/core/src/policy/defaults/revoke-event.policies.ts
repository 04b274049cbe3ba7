/** Keystone 22 default rules from keystone/common/policies/revoke_event.py (data: names and check strings must stay identical). */
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
