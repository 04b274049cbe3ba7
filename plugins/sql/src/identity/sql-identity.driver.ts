import { randomUUID } from 'node:crypto';
import {
  Conflict,
  NotFound,
  type DriverHints,
  type GroupRecord,
  type NewGroup,
  type IdentityDriver,
  type NewUser,
  type UserRecord,
} from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import type { PasswordHasher } from '../password';
import { applyHintFilters } from '../common/knex-filters';
import { fromDbBool, fromDbDate, isoMicro, parseExtra, toDbBool, toDbDate, type Dialect } from '../common/sql-values';
import { SqlGroupStore } from './sql-group.store';
import { optionNameForId, USER_OPTION_IDS } from './user-options';
import type { SecurityComplianceSettings } from './security-compliance.settings';
import { effectiveEnabled, utcDate } from './security-compliance.rules';
import { SqlPasswordStore } from './sql-password.store';
import { SqlUserAuthenticator } from './sql-user-authenticator';

/** Columns of the user row; everything else a client sends lives in `extra`. */
const USER_ATTRS = new Set(['id', 'name', 'domain_id', 'password', 'enabled', 'default_project_id', 'password_expires_at', 'options']);
const USER_FILTER_COLUMNS = { id: 'u.id', name: 'COALESCE(lu.name, nl.name)', domain_id: 'u.domain_id', enabled: 'u.enabled', default_project_id: 'u.default_project_id' };

export interface SqlIdentityOptions {
  /** `[security_compliance]`, which Keystone applies in this driver. */
  securityCompliance: () => SecurityComplianceSettings;
  /** Clock, for tests of expiry, lockout and inactivity. */
  now?: () => Date;
}

/**
 * Users and groups in Keystone's tables: `user` + `local_user` (+
 * `nonlocal_user`), `password` history, `user_option`, `group`,
 * `user_group_membership`.
 */
export class SqlIdentityDriver implements IdentityDriver {
  readonly isDomainAware = true;
  readonly isSql = true;
  readonly generatesUuids = true;
  readonly writable = true;
  private readonly groups: SqlGroupStore;
  private readonly passwords: SqlPasswordStore;
  private readonly authenticator: SqlUserAuthenticator;

  constructor(
    private readonly db: () => Knex,
    private readonly dialect: Dialect,
    hasher: PasswordHasher,
    private readonly opts: SqlIdentityOptions,
  ) {
    this.groups = new SqlGroupStore(db);
    this.passwords = new SqlPasswordStore(db, dialect, hasher, opts.securityCompliance);
    this.authenticator = new SqlUserAuthenticator(db, this.passwords, opts.securityCompliance, this.now);
  }

  private readonly now = (): Date => (this.opts.now ? this.opts.now() : new Date());

  async authenticate(userId: string, password: string): Promise<UserRecord> {
    await this.authenticator.authenticate(userId, password);
    return this.getUser(userId);
  }

  checkPassword(userId: string, password: string): Promise<void> {
    return this.authenticator.authenticate(userId, password);
  }

  async changePassword(userId: string, newPassword: string): Promise<void> {
    await this.authenticator.changePassword(userId, newPassword);
  }

  async createUser(userId: string, user: NewUser): Promise<UserRecord> {
    const now = this.now();
    const sc = this.opts.securityCompliance();
    const enabled = user.enabled ?? true;
    await this.db().transaction(async (trx) => {
      const dup = await trx('local_user').where({ domain_id: user.domain_id, name: user.name }).first('id');
      if (dup) throw Conflict.duplicate('user', `Duplicate entry found with name ${user.name} at domain ID ${user.domain_id}`);
      await trx('user').insert({
        id: userId,
        extra: JSON.stringify(extraOf(user)),
        enabled: toDbBool(this.dialect, enabled),
        default_project_id: user.default_project_id ?? null,
        created_at: toDbDate(this.dialect, now),
        // Keystone's `enabled` setter starts the inactivity clock when that rule is on.
        last_active_at: enabled && sc.disableUserAccountDaysInactive ? utcDate(now) : null,
        domain_id: user.domain_id,
      });
      const [local] = await trx('local_user').insert({ user_id: userId, domain_id: user.domain_id, name: user.name }, ['id']);
      const localId = typeof local === 'object' ? (local as { id: number }).id : local;
      if (user.password !== undefined && user.password !== null) {
        // As in Keystone, options sent with the create are stored after the password
        // is set, so they exempt it from neither rule.
        await this.passwords.set(trx, localId, user.password, now, { selfService: false, exempt: false, expiresNow: sc.changePasswordUponFirstUse });
      }
      await this.writeOptions(trx, userId, user.options ?? {});
    });
    return this.getUser(userId);
  }

  async listUsers(hints: DriverHints): Promise<UserRecord[]> {
    const q = this.userQuery(this.db());
    applyHintFilters(q as never, hints, USER_FILTER_COLUMNS, (n, v) => (n === 'enabled' ? toDbBool(this.dialect, v as boolean) : v));
    if (hints.limit) q.limit(hints.limit.limit + 1);
    return this.hydrate(await q);
  }

  async listUsersInGroup(groupId: string, hints: DriverHints): Promise<UserRecord[]> {
    await this.groups.get(groupId);
    const q = this.userQuery(this.db()).join('user_group_membership as m', 'm.user_id', 'u.id').where('m.group_id', groupId);
    applyHintFilters(q as never, hints, USER_FILTER_COLUMNS, (n, v) => (n === 'enabled' ? toDbBool(this.dialect, v as boolean) : v));
    return this.hydrate(await q);
  }

  async getUser(userId: string): Promise<UserRecord> {
    const rows = await this.userQuery(this.db()).where('u.id', userId);
    if (rows.length === 0) throw NotFound.entity('user', userId);
    return (await this.hydrate(rows))[0];
  }

  async getUserByName(userName: string, domainId: string): Promise<UserRecord> {
    const rows = await this.userQuery(this.db()).where('u.domain_id', domainId).andWhere((w) => w.where('lu.name', userName).orWhere('nl.name', userName));
    if (rows.length === 0) throw NotFound.entity('user', userName);
    return (await this.hydrate(rows))[0];
  }

  async updateUser(userId: string, patch: Partial<NewUser>): Promise<UserRecord> {
    await this.db().transaction(async (trx) => {
      const row = await trx('user').where({ id: userId }).first();
      if (!row) throw NotFound.entity('user', userId);
      const extra = { ...parseExtra(row.extra), ...extraOf(patch) };
      const update: Record<string, unknown> = { extra: JSON.stringify(extra) };
      const local = await trx('local_user').where({ user_id: userId }).first('id');
      await this.applyEnabledSetter(trx, row, patch, update, local?.id as number | undefined);
      if (patch.default_project_id !== undefined) update.default_project_id = patch.default_project_id;
      await trx('user').where({ id: userId }).update(update);
      if (patch.name !== undefined) {
        const dup = await trx('local_user').where({ domain_id: row.domain_id, name: patch.name }).whereNot({ user_id: userId }).first('id');
        if (dup) throw Conflict.duplicate('user', `Duplicate entry found with name ${patch.name} at domain ID ${row.domain_id}`);
        await trx('local_user').where({ user_id: userId }).update({ name: patch.name });
      }
      if (patch.options) await this.writeOptions(trx, userId, patch.options);
      if (patch.password !== undefined && patch.password !== null && local) {
        // An administrative set: no history or age rule; options (just written) may exempt it.
        const state = await this.passwords.state(userId, trx);
        const sc = this.opts.securityCompliance();
        const expiresNow = sc.changePasswordUponFirstUse && state?.options.ignore_change_password_upon_first_use !== true;
        await this.passwords.set(trx, local.id as number, patch.password, this.now(), { selfService: false, exempt: state?.options.ignore_password_expiry === true, expiresNow });
      }
    });
    return this.getUser(userId);
  }

  async deleteUser(userId: string): Promise<void> {
    await this.db().transaction(async (trx) => {
      const n = await trx('user').where({ id: userId }).count<{ c: number }[]>('id as c');
      if (Number(n[0].c) === 0) throw NotFound.entity('user', userId);
      const locals = trx('local_user').where({ user_id: userId }).select('id');
      await trx('password').whereIn('local_user_id', locals).delete();
      await trx('local_user').where({ user_id: userId }).delete();
      await trx('nonlocal_user').where({ user_id: userId }).delete();
      await trx('user_option').where({ user_id: userId }).delete();
      await trx('user_group_membership').where({ user_id: userId }).delete();
      await trx('user').where({ id: userId }).delete();
    });
  }

  async addUserToGroup(userId: string, groupId: string): Promise<void> {
    await this.getUser(userId);
    await this.groups.addMember(userId, groupId);
  }

  async checkUserInGroup(userId: string, groupId: string): Promise<void> {
    await this.getUser(userId);
    await this.groups.checkMember(userId, groupId);
  }

  async removeUserFromGroup(userId: string, groupId: string): Promise<void> {
    await this.getUser(userId);
    await this.groups.removeMember(userId, groupId);
  }

  createGroup(groupId: string, group: NewGroup) {
    return this.groups.create(groupId, group);
  }
  listGroups(hints: DriverHints) {
    return this.groups.list(hints);
  }
  async listGroupsForUser(userId: string, hints: DriverHints) {
    await this.getUser(userId);
    return this.groups.listForUser(userId, hints);
  }
  getGroup(groupId: string) {
    return this.groups.get(groupId);
  }
  getGroupByName(name: string, domainId: string) {
    return this.groups.getByName(name, domainId);
  }
  updateGroup(groupId: string, patch: Partial<GroupRecord>) {
    return this.groups.update(groupId, patch);
  }
  deleteGroup(groupId: string) {
    return this.groups.delete(groupId);
  }

  private userQuery(db: Knex) {
    return db('user as u')
      .leftJoin('local_user as lu', 'lu.user_id', 'u.id')
      .leftJoin('nonlocal_user as nl', 'nl.user_id', 'u.id')
      .select('u.id', 'u.extra', 'u.enabled', 'u.default_project_id', 'u.domain_id', 'u.created_at', 'u.last_active_at', 'lu.id as local_id', db.raw('COALESCE(lu.name, nl.name) as name'))
      .orderBy('u.id');
  }

  /**
   * Password rows (newest first) of these local users. Keystone's schema has no index on
   * password.local_user_id, so every IN query scans the table: past a few chunks, one
   * scan of the whole table filtered here is cheaper than one scan per 500 users.
   */
  private async passwordExpiries(localIds: number[]): Promise<Record<string, unknown>[]> {
    const query = () => this.db()('password').select('local_user_id', 'expires_at', 'expires_at_int', 'created_at_int').orderBy('created_at_int', 'desc').orderBy('id', 'desc');
    if (localIds.length <= 1500) return chunked(localIds, (c) => query().whereIn('local_user_id', c));
    const wanted = new Set(localIds);
    return (await query()).filter((p: Record<string, unknown>) => wanted.has(Number(p.local_user_id)));
  }

  private async hydrate(rows: Record<string, unknown>[]): Promise<UserRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id as string);
    const localIds = rows.map((r) => r.local_id).filter((v) => v !== null && v !== undefined) as number[];
    const [options, passwords] = await Promise.all([
      chunked(ids, (c) => this.db()('user_option').whereIn('user_id', c)),
      this.passwordExpiries(localIds),
    ]);
    const optsByUser = new Map<string, Record<string, unknown>>();
    for (const o of options) {
      const name = optionNameForId(o.option_id as string);
      if (!name) continue;
      const m = optsByUser.get(o.user_id as string) ?? {};
      m[name] = safeJson(o.option_value);
      optsByUser.set(o.user_id as string, m);
    }
    const expiry = new Map<number, Date | null>();
    for (const p of passwords) {
      if (expiry.has(p.local_user_id as number)) continue;
      expiry.set(p.local_user_id as number, p.expires_at_int ? new Date(Number(p.expires_at_int) / 1000) : fromDbDate(p.expires_at));
    }
    const sc = this.opts.securityCompliance();
    const now = this.now();
    return rows.map((r) => {
      const options = optsByUser.get(r.id as string) ?? {};
      const enabled = effectiveEnabled(fromDbBool(r.enabled) ?? true, fromDbDate(r.created_at), r.last_active_at, options, sc, now);
      const user: UserRecord = {
        ...parseExtra(r.extra),
        id: r.id as string,
        name: r.name as string,
        domain_id: r.domain_id as string,
        enabled,
        // The stored expiry, as Keystone shows it; ignore_password_expiry only exempts it at login.
        password_expires_at: isoMicro(expiry.get(r.local_id as number) ?? null),
        options,
      };
      if (r.default_project_id) user.default_project_id = r.default_project_id as string;
      return user;
    });
  }

  /**
   * Keystone's update_user re-assigns `enabled` (the patched value, else the
   * value as read, inactivity included) and that setter, for an enabled
   * user, restarts the inactivity clock and clears the lockout counters.
   */
  private async applyEnabledSetter(trx: Knex.Transaction, row: Record<string, unknown>, patch: Partial<NewUser>, update: Record<string, unknown>, localId: number | undefined): Promise<void> {
    const sc = this.opts.securityCompliance();
    const now = this.now();
    const options = localId === undefined ? {} : ((await this.passwords.state(row.id as string, trx))?.options ?? {});
    const enabled = patch.enabled ?? effectiveEnabled(fromDbBool(row.enabled) ?? true, fromDbDate(row.created_at), row.last_active_at, options, sc, now);
    update.enabled = toDbBool(this.dialect, enabled);
    if (!enabled) return;
    if (sc.disableUserAccountDaysInactive) update.last_active_at = utcDate(now);
    if (localId !== undefined) await this.passwords.resetFailures(localId, trx);
  }

  private async writeOptions(trx: Knex.Transaction, userId: string, options: Record<string, unknown>): Promise<void> {
    for (const [name, value] of Object.entries(options)) {
      const id = USER_OPTION_IDS[name];
      if (!id) continue;
      await trx('user_option').where({ user_id: userId, option_id: id }).delete();
      if (value !== null) await trx('user_option').insert({ user_id: userId, option_id: id, option_value: JSON.stringify(value) });
    }
  }
}

function extraOf(user: Partial<NewUser>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(user).filter(([k]) => !USER_ATTRS.has(k)));
}

function safeJson(v: unknown): unknown {
  try {
    return typeof v === 'string' ? JSON.parse(v) : v;
  } catch {
    return v;
  }
}

/** SQLite caps bound parameters; split long IN lists. */
async function chunked<T, R>(items: T[], q: (chunk: T[]) => Promise<R[]> | PromiseLike<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 500) out.push(...(await q(items.slice(i, i + 500))));
  return out;
}

export const newUserId = (): string => randomUUID().replace(/-/g, '');
