import { ValidationError } from '@keystone-ts/plugin-sdk';
import { assertMinimumAge, effectiveEnabled, lockState, newPasswordExpiry, passwordIsExpired, utcDate, type PasswordRow } from './security-compliance.rules';
import { NO_SECURITY_COMPLIANCE, type SecurityComplianceSettings } from './security-compliance.settings';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const sc = (o: Partial<SecurityComplianceSettings>): SecurityComplianceSettings => ({ ...NO_SECURITY_COMPLIANCE, ...o });
const pw = (o: Partial<PasswordRow>): PasswordRow => ({ id: 1, hash: 'h', createdAt: NOW, expiresAt: null, selfService: false, ...o });

describe('lockState (Keystone _is_account_locked)', () => {
  const lockout = sc({ lockoutFailureAttempts: 3, lockoutDuration: 60 });
  it('is open below the threshold or with the feature off', () => {
    expect(lockState(2, NOW, {}, lockout, NOW)).toBe('open');
    expect(lockState(99, NOW, {}, sc({}), NOW)).toBe('open');
  });
  it('locks for lockout_duration after the last failure, then lapses', () => {
    expect(lockState(3, new Date(NOW.getTime() - 59_000), {}, lockout, NOW)).toBe('locked');
    expect(lockState(3, new Date(NOW.getTime() - 60_000), {}, lockout, NOW)).toBe('lapsed');
  });
  it('locks until re-enabled without a duration, and never with ignore_lockout_failure_attempts', () => {
    expect(lockState(3, new Date(0), {}, sc({ lockoutFailureAttempts: 3, lockoutDuration: null }), NOW)).toBe('locked');
    expect(lockState(3, NOW, { ignore_lockout_failure_attempts: true }, lockout, NOW)).toBe('open');
  });
});

describe('effectiveEnabled (the user.enabled hybrid property)', () => {
  const inactive = sc({ disableUserAccountDaysInactive: 2 });
  it('counts whole UTC days since last_active_at, else since created_at', () => {
    expect(effectiveEnabled(true, null, '2026-03-09', {}, inactive, NOW)).toBe(true);
    expect(effectiveEnabled(true, null, '2026-03-08', {}, inactive, NOW)).toBe(false);
    expect(effectiveEnabled(true, new Date('2026-03-08T23:59:00Z'), null, {}, inactive, NOW)).toBe(false);
    expect(effectiveEnabled(true, null, null, {}, inactive, NOW)).toBe(true);
  });
  it('reads a PostgreSQL DATE (a local-midnight Date) as that calendar day', () => {
    expect(effectiveEnabled(true, null, new Date(2026, 2, 9), {}, inactive, NOW)).toBe(true);
    expect(effectiveEnabled(true, null, new Date(2026, 2, 8), {}, inactive, NOW)).toBe(false);
  });
  it('honours ignore_user_inactivity and a disabled column', () => {
    expect(effectiveEnabled(true, null, '2020-01-01', { ignore_user_inactivity: true }, inactive, NOW)).toBe(true);
    expect(effectiveEnabled(false, null, null, {}, sc({}), NOW)).toBe(false);
  });
});

describe('password expiry and age', () => {
  it('expires at expires_at unless ignore_password_expiry', () => {
    expect(passwordIsExpired(pw({ expiresAt: NOW }), {}, NOW)).toBe(true);
    expect(passwordIsExpired(pw({ expiresAt: new Date(NOW.getTime() + 1) }), {}, NOW)).toBe(false);
    expect(passwordIsExpired(pw({ expiresAt: NOW }), { ignore_password_expiry: true }, NOW)).toBe(false);
  });
  it('sets new expiries in whole seconds, password_expires_days ahead', () => {
    const at = new Date('2026-03-10T12:00:00.789Z');
    expect(newPasswordExpiry(at, sc({ passwordExpiresDays: 90 }), false)?.toISOString()).toBe('2026-06-08T12:00:00.000Z');
    expect(newPasswordExpiry(at, sc({ passwordExpiresDays: 90 }), true)).toBeNull();
    expect(newPasswordExpiry(at, sc({}), false)).toBeNull();
  });
  it('refuses a change before minimum_password_age, with the days left', () => {
    const rule = sc({ minimumPasswordAge: 3 });
    expect(() => assertMinimumAge(pw({ createdAt: new Date(NOW.getTime() - 86_400_000) }), rule, NOW)).toThrow(
      new ValidationError(
        'You cannot change your password at this time due to the minimum password age. Once you change your password, it must be used for 3 day(s) before it can be changed. Please try again in 2 day(s) or contact your administrator to reset your password.',
      ),
    );
    expect(() => assertMinimumAge(pw({ createdAt: new Date(NOW.getTime() - 3 * 86_400_000) }), rule, NOW)).not.toThrow();
  });
  it('stores last_active_at as a UTC date', () => {
    expect(utcDate(new Date('2026-03-10T23:30:00-05:00'))).toBe('2026-03-11');
  });
});
