import { Unauthorized, passwordExpiredError } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { assertMinimumAge, effectiveEnabled, historyError, lockState, passwordIsExpired, selfServiceDisabledError, utcDate } from './security-compliance.rules';
import type { SecurityComplianceSettings } from './security-compliance.settings';
import type { SqlPasswordStore } from './sql-password.store';

const GENERIC = 'The request you have made requires authentication.';

/**
 * Password checks and self-service changes of SQL users, in the order
 * Keystone 22's `Identity.authenticate` / `change_password` apply them:
 * lockout → password → enabled → expiry; then the counters and
 * `last_active_at` are updated.
 */
export class SqlUserAuthenticator {
  constructor(
    private readonly db: () => Knex,
    private readonly passwords: SqlPasswordStore,
    private readonly sc: () => SecurityComplianceSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async authenticate(userId: string, password: string): Promise<void> {
    const sc = this.sc();
    const now = this.now();
    const state = await this.passwords.state(userId);
    // Unknown user: the same 401 as a wrong password, so existence is not revealed.
    if (!state) throw new Unauthorized(GENERIC);
    const lock = lockState(state.failedAuthCount, state.failedAuthAt, state.options, sc, now);
    if (lock === 'locked') throw new Unauthorized(`The account is locked for user: ${userId}.`);
    if (lock === 'lapsed') {
      await this.passwords.resetFailures(state.localId);
      state.failedAuthCount = 0;
    }
    if (!(await this.passwords.verify(password, state.password))) {
      await this.passwords.recordFailure(state.localId, now);
      throw new Unauthorized(GENERIC);
    }
    if (!effectiveEnabled(state.enabled, state.createdAt, state.lastActiveAt, state.options, sc, now)) {
      throw new Unauthorized(`The account is disabled for user: ${userId}.`);
    }
    if (passwordIsExpired(state.password, state.options, now)) throw passwordExpiredError(userId);
    if (state.failedAuthCount) await this.passwords.resetFailures(state.localId);
    // Keystone's shadow_users_api.set_last_active_at: only tracked when inactivity matters.
    if (sc.disableUserAccountDaysInactive) await this.passwords.touchLastActive(userId, utcDate(now));
  }

  /** Keystone's `change_password` (the original password was already checked by core). */
  async changePassword(userId: string, newPassword: string): Promise<void> {
    const sc = this.sc();
    const now = this.now();
    await this.db().transaction(async (trx) => {
      const state = await this.passwords.state(userId, trx);
      if (!state) throw new Unauthorized(GENERIC);
      if (state.options.lock_password === true) throw selfServiceDisabledError();
      if (state.password?.selfService) assertMinimumAge(state.password, sc, now);
      if (sc.uniqueLastPasswordCount > 0) {
        for (const old of await this.passwords.recent(trx, state.localId, sc.uniqueLastPasswordCount)) {
          if (await this.passwords.verify(newPassword, old)) throw historyError(sc.uniqueLastPasswordCount);
        }
      }
      await this.passwords.set(trx, state.localId, newPassword, now, { selfService: true, exempt: state.options.ignore_password_expiry === true });
    });
  }
}
