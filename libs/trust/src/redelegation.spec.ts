import { Forbidden, ValidationError, type TrustRecord } from '@keystone-ts/plugin-sdk';
import { checkRedelegation, settleRedelegationCount, type TrustRequest } from './redelegation';
import { parseTrustExpiry } from './expiry';

// One fixed instant: two parents built a millisecond apart must not differ.
const PARENT_EXPIRES = new Date(Date.now() + 60_000);
const parent = (over: Partial<TrustRecord> = {}): TrustRecord => ({
  id: 'p', trustor_user_id: 'a', trustee_user_id: 'b', project_id: 'x', impersonation: true,
  expires_at: PARENT_EXPIRES, remaining_uses: null, redelegated_trust_id: null,
  redelegation_count: 3, deleted_at: null, roles: [{ id: 'r1' }, { id: 'r2' }], ...over,
});
const child = (over: Partial<TrustRequest> = {}): TrustRequest => ({ remaining_uses: null, expires_at: null, impersonation: true, roles: [{ id: 'r1' }], ...over });

describe('trust redelegation rules', () => {
  it('settles the depth: 0 unless redelegatable, parent-1 when redelegating, else requested or max', () => {
    expect(settleRedelegationCount(child(), null, 3)).toBe(0);
    expect(settleRedelegationCount(child({ allow_redelegation: true }), null, 3)).toBe(3);
    expect(settleRedelegationCount(child({ allow_redelegation: true, redelegation_count: 2 }), null, 3)).toBe(2);
    expect(settleRedelegationCount(child({ allow_redelegation: true, redelegation_count: 0 }), null, 3)).toBe(0);
    expect(settleRedelegationCount(child({ allow_redelegation: true }), parent(), 3)).toBe(2);
    expect(() => settleRedelegationCount(child({ allow_redelegation: true, redelegation_count: 1 }), parent(), 3)).toThrow(Forbidden);
    expect(() => settleRedelegationCount(child({ allow_redelegation: true, redelegation_count: 4 }), null, 3)).toThrow(Forbidden);
    expect(() => settleRedelegationCount(child({ allow_redelegation: true, remaining_uses: 1 }), null, 3)).toThrow(ValidationError);
  });

  it('keeps a child within its parent: depth, uses, expiry, roles, impersonation', () => {
    expect(checkRedelegation(parent(), child(), 3).expires_at).toEqual(parent().expires_at);
    expect(() => checkRedelegation(parent({ redelegation_count: 0 }), child(), 3)).toThrow(Forbidden);
    expect(() => checkRedelegation(parent(), child({ remaining_uses: 2 }), 3)).toThrow(Forbidden);
    expect(() => checkRedelegation(parent(), child({ expires_at: new Date(Date.now() + 120_000) }), 3)).toThrow(Forbidden);
    expect(() => checkRedelegation(parent(), child({ roles: [{ id: 'r3' }] }), 3)).toThrow(Forbidden);
    expect(() => checkRedelegation(parent({ impersonation: false }), child(), 3)).toThrow(Forbidden);
  });

  it('parses expiry as Keystone does: UTC, Z appended, not in the past', () => {
    expect(parseTrustExpiry('2099-01-02T03:04:05.123456Z').toISOString()).toBe('2099-01-02T03:04:05.123Z');
    expect(parseTrustExpiry('2099-01-02T03:04:05').toISOString()).toBe('2099-01-02T03:04:05.000Z');
    for (const bad of ['bad.123Z', '2099-13-01T00:00:00Z', '2099-02-30T00:00:00Z', '2099-01-01T00:00:00+02:00', '2000-01-01T00:00:00Z']) {
      expect(() => parseTrustExpiry(bad)).toThrow(ValidationError);
    }
  });
});
