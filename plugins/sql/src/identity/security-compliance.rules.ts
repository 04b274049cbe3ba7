import { ValidationError } from '@keystone-ts/plugin-sdk';
import type { SecurityComplianceSettings } from './security-compliance.settings';

/**
 * Keystone 22's `[security_compliance]` rules (identity/backends/sql.py and
 * sql_model.py), as pure functions of a user's rows and the clock, so each
 * rule is testable without a database.
 */

const DAY_MS = 86_400_000;

export interface PasswordRow {
  id: number;
  hash: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  selfService: boolean;
}

/** Keystone's `_is_account_locked`. 'lapsed': the lock ran out, so the counter is reset before going on. */
export function lockState(
  failedCount: number,
  failedAt: Date | null,
  options: Record<string, unknown>,
  sc: SecurityComplianceSettings,
  now: Date,
): 'open' | 'locked' | 'lapsed' {
  if (options.ignore_lockout_failure_attempts === true) return 'open';
  const max = sc.lockoutFailureAttempts;
  if (!max || failedCount < max) return 'open';
  if (!sc.lockoutDuration) return 'locked';
  if (failedAt && failedAt.getTime() + sc.lockoutDuration * 1000 > now.getTime()) return 'locked';
  return 'lapsed';
}

/** The `user.enabled` hybrid property: an enabled user inactive for too long reads as disabled. */
export function effectiveEnabled(
  enabled: boolean,
  createdAt: Date | null,
  lastActiveAt: unknown,
  options: Record<string, unknown>,
  sc: SecurityComplianceSettings,
  now: Date,
): boolean {
  if (!enabled) return false;
  const max = sc.disableUserAccountDaysInactive;
  if (!max || options.ignore_user_inactivity === true) return true;
  const last = dayNumber(lastActiveAt) ?? (createdAt ? Math.floor(createdAt.getTime() / DAY_MS) : null);
  if (last === null) return true;
  return Math.floor(now.getTime() / DAY_MS) - last < max;
}

/** `password_is_expired`: the current password's expiry has passed and the user is not exempt. */
export function passwordIsExpired(current: PasswordRow | null, options: Record<string, unknown>, now: Date): boolean {
  if (!current?.expiresAt || options.ignore_password_expiry === true) return false;
  return now.getTime() >= current.expiresAt.getTime();
}

/** `_get_password_expires_at`: whole seconds, null when exempt or when passwords do not expire. */
export function newPasswordExpiry(now: Date, sc: SecurityComplianceSettings, exempt: boolean): Date | null {
  if (exempt || !sc.passwordExpiresDays) return null;
  return new Date(Math.floor((now.getTime() + sc.passwordExpiresDays * DAY_MS) / 1000) * 1000);
}

/** `_validate_minimum_password_age` (only applied when the current password was itself self-service). */
export function assertMinimumAge(current: PasswordRow, sc: SecurityComplianceSettings, now: Date): void {
  const minAge = current.createdAt.getTime() + sc.minimumPasswordAge * DAY_MS;
  if (now.getTime() < minAge) {
    const daysLeft = Math.floor((minAge - now.getTime()) / DAY_MS);
    throw new ValidationError(
      'You cannot change your password at this time due to the minimum password age. ' +
        `Once you change your password, it must be used for ${sc.minimumPasswordAge} day(s) before it can be changed. ` +
        `Please try again in ${daysLeft} day(s) or contact your administrator to reset your password.`,
    );
  }
}

export function historyError(uniqueCount: number): ValidationError {
  return new ValidationError(
    'The new password cannot be identical to a previous password. ' +
      `The total number which includes the new password must be unique is ${uniqueCount}.`,
  );
}

export const selfServiceDisabledError = (): ValidationError =>
  new ValidationError(
    'You cannot change your password at this time due to password policy disallowing password changes. ' +
      'Please contact your administrator to reset your password.',
  );

/** Today as Keystone stores `last_active_at` (a DATE, UTC). */
export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Days since the epoch of a DATE column: SQLite gives 'YYYY-MM-DD' text,
 * node-postgres a Date at local midnight of that day.
 */
function dayNumber(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return Math.floor(Date.UTC(v.getFullYear(), v.getMonth(), v.getDate()) / DAY_MS);
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(v));
  return m ? Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS) : null;
}
