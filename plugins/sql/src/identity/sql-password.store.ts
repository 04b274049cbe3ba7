import type { Knex } from 'knex';
import type { PasswordHasher } from '../password';
import { fromDbBool, fromDbDate, toDateInt, toDbBool, toDbDate, type Dialect } from '../common/sql-values';
import { newPasswordExpiry, type PasswordRow } from './security-compliance.rules';
import type { SecurityComplianceSettings } from './security-compliance.settings';
import { optionNameForId } from './user-options';

/** What authentication needs of one local user, read in two queries. */
export interface LocalUserState {
  userId: string;
  localId: number;
  enabled: boolean;
  createdAt: Date | null;
  lastActiveAt: unknown;
  failedAuthCount: number;
  failedAuthAt: Date | null;
  options: Record<string, unknown>;
  password: PasswordRow | null;
}

/**
 * The `password` rows of local users and the lockout counters of
 * `local_user`, written as Keystone's `User.password` setter and
 * `_record_failed_auth` write them.
 */
export class SqlPasswordStore {
  constructor(
    private readonly db: () => Knex,
    private readonly dialect: Dialect,
    private readonly hasher: PasswordHasher,
    private readonly sc: () => SecurityComplianceSettings,
  ) {}

  /** null for an unknown user or one without a local_user row (LDAP shadow, federated). */
  async state(userId: string, db: Knex = this.db()): Promise<LocalUserState | null> {
    const row = await db('user as u')
      .join('local_user as lu', 'lu.user_id', 'u.id')
      .where('u.id', userId)
      .first('u.id', 'u.enabled', 'u.created_at', 'u.last_active_at', 'lu.id as local_id', 'lu.failed_auth_count', 'lu.failed_auth_at');
    if (!row) return null;
    const [password, options] = await Promise.all([this.current(db, row.local_id as number), this.options(db, userId)]);
    return {
      userId,
      localId: row.local_id as number,
      enabled: fromDbBool(row.enabled) ?? true,
      createdAt: fromDbDate(row.created_at),
      lastActiveAt: row.last_active_at,
      failedAuthCount: Number(row.failed_auth_count ?? 0),
      failedAuthAt: fromDbDate(row.failed_auth_at),
      options,
      password,
    };
  }

  verify(password: string, row: PasswordRow | null): Promise<boolean> {
    return this.hasher.verify(password, row?.hash ?? null);
  }

  /** Atomic, so concurrent wrong guesses all count. */
  async recordFailure(localId: number, now: Date): Promise<void> {
    await this.db()('local_user')
      .where({ id: localId })
      .update({ failed_auth_count: this.db().raw('COALESCE(failed_auth_count, 0) + 1'), failed_auth_at: toDbDate(this.dialect, now) });
  }

  async resetFailures(localId: number, db: Knex = this.db()): Promise<void> {
    await db('local_user').where({ id: localId }).update({ failed_auth_count: 0, failed_auth_at: null });
  }

  async touchLastActive(userId: string, day: string, db: Knex = this.db()): Promise<void> {
    await db('user').where({ id: userId }).update({ last_active_at: day });
  }

  /** The newest passwords, newest first (the history Keystone checks is `passwords[-n:]`). */
  async recent(db: Knex, localId: number, n: number): Promise<PasswordRow[]> {
    const rows = await db('password').where({ local_user_id: localId }).orderBy('created_at_int', 'desc').orderBy('id', 'desc').limit(n);
    return rows.map(toPasswordRow);
  }

  /**
   * Keystone's `User.password` setter: keep the last max(unique_last_password_count, 1)
   * rows, expire every older password now, append the new one with its expiry.
   * `expiresNow` is change_password_upon_first_use after an administrative set.
   */
  async set(trx: Knex, localId: number, password: string, now: Date, opts: { selfService: boolean; exempt: boolean; expiresNow?: boolean }): Promise<void> {
    const hash = await this.hasher.hash(password);
    const keep = Math.max(this.sc().uniqueLastPasswordCount, 1);
    const kept = (await this.recent(trx, localId, keep)).map((p) => p.id);
    await trx('password').where({ local_user_id: localId }).whereNotIn('id', kept).delete();
    const nowInt = toDateInt(now);
    await trx('password')
      .where({ local_user_id: localId })
      .andWhere((w) => w.whereNull('expires_at_int').orWhere('expires_at_int', '>', nowInt))
      .update({ expires_at: toDbDate(this.dialect, now), expires_at_int: nowInt });
    const expires = opts.expiresNow ? now : newPasswordExpiry(now, this.sc(), opts.exempt);
    await trx('password').insert({
      local_user_id: localId,
      password_hash: hash,
      created_at: toDbDate(this.dialect, now),
      created_at_int: nowInt,
      expires_at: toDbDate(this.dialect, expires),
      expires_at_int: expires ? toDateInt(expires) : null,
      self_service: toDbBool(this.dialect, opts.selfService),
    });
  }

  private async current(db: Knex, localId: number): Promise<PasswordRow | null> {
    return (await this.recent(db, localId, 1))[0] ?? null;
  }

  private async options(db: Knex, userId: string): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const o of await db('user_option').where({ user_id: userId })) {
      const name = optionNameForId(o.option_id as string);
      if (name) out[name] = parseJson(o.option_value);
    }
    return out;
  }
}

function toPasswordRow(r: Record<string, unknown>): PasswordRow {
  return {
    id: r.id as number,
    hash: (r.password_hash as string | null) ?? null,
    // Keystone's hybrid properties: the *_int column wins, the DATETIME is the fallback.
    createdAt: r.created_at_int ? new Date(Number(r.created_at_int) / 1000) : (fromDbDate(r.created_at) ?? new Date(0)),
    expiresAt: r.expires_at_int ? new Date(Number(r.expires_at_int) / 1000) : fromDbDate(r.expires_at),
    selfService: fromDbBool(r.self_service) === true,
  };
}

function parseJson(v: unknown): unknown {
  try {
    return typeof v === 'string' ? JSON.parse(v) : v;
  } catch {
    return v;
  }
}
