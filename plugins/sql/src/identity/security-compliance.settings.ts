import type { ConfigView } from '@keystone-ts/plugin-sdk';

/**
 * `[security_compliance]` as the SQL identity driver applies it. Keystone
 * documents every one of these as "depends on the `sql` backend", so the
 * rules live in this driver; the group itself is declared by the identity
 * subsystem (libs/identity), which also applies `password_regex`.
 */
export interface SecurityComplianceSettings {
  /** null: lockout disabled. */
  lockoutFailureAttempts: number | null;
  /** Seconds; null locks until an administrator re-enables the user. */
  lockoutDuration: number | null;
  /** null: passwords never expire. */
  passwordExpiresDays: number | null;
  /** 0: no history rule (one old password row is still kept, as Keystone does). */
  uniqueLastPasswordCount: number;
  /** Days a self-service password must be kept before the next self-service change. */
  minimumPasswordAge: number;
  changePasswordUponFirstUse: boolean;
  /** null: inactivity never disables a user. */
  disableUserAccountDaysInactive: number | null;
}

export const NO_SECURITY_COMPLIANCE: SecurityComplianceSettings = {
  lockoutFailureAttempts: null,
  lockoutDuration: 1800,
  passwordExpiresDays: null,
  uniqueLastPasswordCount: 0,
  minimumPasswordAge: 0,
  changePasswordUponFirstUse: false,
  disableUserAccountDaysInactive: null,
};

/** Reads the group; Keystone's defaults when it is not registered (a bare SDK test harness). */
export function readSecurityCompliance(config: ConfigView): SecurityComplianceSettings {
  if (!config.has('security_compliance')) return NO_SECURITY_COMPLIANCE;
  const get = <T>(name: string): T => config.get<T>('security_compliance', name);
  return {
    lockoutFailureAttempts: get<number | null>('lockout_failure_attempts') || null,
    lockoutDuration: get<number | null>('lockout_duration') || null,
    passwordExpiresDays: get<number | null>('password_expires_days') || null,
    uniqueLastPasswordCount: get<number | null>('unique_last_password_count') ?? 0,
    minimumPasswordAge: get<number | null>('minimum_password_age') ?? 0,
    changePasswordUponFirstUse: get<boolean | null>('change_password_upon_first_use') === true,
    disableUserAccountDaysInactive: get<number | null>('disable_user_account_days_inactive') || null,
  };
}
