import {
  Conflict,
  Forbidden,
  NotFound,
  type AccessRuleRecord,
  type ApplicationCredentialDriver,
  type ApplicationCredentialRecord,
  type DriverHints,
  type NewApplicationCredential,
} from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { applyHintFilters } from '../common/knex-filters';
import { fromDbBool, toDbBool, type Dialect } from '../common/sql-values';
import { isUniqueViolation } from '../resource/project-rows';
import type { PasswordHasher } from '../password';

const APP_CRED_COLUMNS = { name: 'ac.name', project_id: 'ac.project_id' };
const ACCESS_RULE_COLUMNS = { service: 'service', path: 'path', method: 'method' };

type Row = Record<string, unknown>;

/**
 * Keystone's application_credential tables: the credential (its public `id`
 * unique, rows keyed by `internal_id`), its roles, and access rules shared by
 * the credentials of one user through application_credential_access_rule.
 * Secrets are hashed with the identity password hasher, as Keystone does.
 */
export class SqlApplicationCredentialDriver implements ApplicationCredentialDriver {
  constructor(
    private readonly db: () => Knex,
    private readonly dialect: Dialect,
    private readonly hasher: PasswordHasher,
  ) {}

  async createApplicationCredential(ref: NewApplicationCredential, roles: { id: string }[], accessRules: AccessRuleRecord[] | null): Promise<ApplicationCredentialRecord> {
    const secretHash = await this.hasher.hash(ref.secret);
    try {
      await this.db().transaction(async (trx) => {
        const [inserted] = await trx('application_credential').insert(
          {
            id: ref.id,
            name: ref.name,
            secret_hash: secretHash,
            description: ref.description,
            user_id: ref.user_id,
            project_id: ref.project_id,
            system: ref.system,
            expires_at: ref.expires_at,
            unrestricted: toDbBool(this.dialect, ref.unrestricted),
          },
          ['internal_id'],
        );
        const internalId = typeof inserted === 'object' ? (inserted as { internal_id: number }).internal_id : (inserted as number);
        for (const roleId of new Set(roles.map((r) => r.id))) {
          await trx('application_credential_role').insert({ application_credential_id: internalId, role_id: roleId });
        }
        const ruleIds = new Set<number>();
        for (const rule of accessRules ?? []) ruleIds.add(await this.findOrCreateRule(trx, ref.user_id, rule));
        for (const ruleId of ruleIds) {
          await trx('application_credential_access_rule').insert({ application_credential_id: internalId, access_rule_id: ruleId });
        }
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw Conflict.duplicate('application_credential', `Duplicate entry found with name ${ref.name}`);
      throw e;
    }
    return this.getApplicationCredential(ref.id);
  }

  /** By id first (a client may name an existing rule), then by content for this user. */
  private async findOrCreateRule(trx: Knex.Transaction, userId: string, rule: AccessRuleRecord): Promise<number> {
    const byId = await trx('access_rule').where({ external_id: rule.id }).first('id');
    if (byId) return byId.id as number;
    const same = await trx('access_rule').where({ user_id: userId, service: rule.service, path: rule.path, method: rule.method }).first('id');
    if (same) return same.id as number;
    const [inserted] = await trx('access_rule').insert({ external_id: rule.id, user_id: userId, service: rule.service, path: rule.path, method: rule.method }, ['id']);
    return typeof inserted === 'object' ? (inserted as { id: number }).id : (inserted as number);
  }

  async getApplicationCredential(id: string): Promise<ApplicationCredentialRecord> {
    const [found] = await this.load(this.db()('application_credential as ac').where('ac.id', id));
    if (!found) throw NotFound.entity('Application Credential', id);
    return found;
  }

  listApplicationCredentialsForUser(userId: string, hints: DriverHints): Promise<ApplicationCredentialRecord[]> {
    const q = this.db()('application_credential as ac').where('ac.user_id', userId);
    applyHintFilters(q as never, hints, APP_CRED_COLUMNS);
    return this.load(q);
  }

  listApplicationCredentialsWithRole(roleId: string): Promise<ApplicationCredentialRecord[]> {
    const holders = this.db()('application_credential_role').where({ role_id: roleId }).select('application_credential_id');
    return this.load(this.db()('application_credential as ac').whereIn('ac.internal_id', holders));
  }

  async checkSecret(id: string, secret: string): Promise<boolean> {
    const row = await this.db()('application_credential').where({ id }).first('secret_hash');
    if (!row) return false;
    return this.hasher.verify(secret, row.secret_hash as string);
  }

  async deleteApplicationCredential(id: string): Promise<void> {
    await this.db().transaction(async (trx) => {
      const row = await trx('application_credential').where({ id }).first('internal_id');
      if (!row) throw NotFound.entity('Application Credential', id);
      await this.deleteChildren(trx, [row.internal_id as number]);
      await trx('application_credential').where({ internal_id: row.internal_id }).delete();
    });
  }

  async deleteApplicationCredentialsForUser(userId: string): Promise<void> {
    await this.db().transaction(async (trx) => {
      const ids = (await trx('application_credential').where({ user_id: userId }).select('internal_id')).map((r) => r.internal_id as number);
      await this.deleteChildren(trx, ids);
      await trx('application_credential').where({ user_id: userId }).delete();
    });
  }

  async getAccessRule(id: string): Promise<AccessRuleRecord> {
    const row = await this.db()('access_rule').where({ external_id: id }).first();
    if (!row) throw NotFound.entity('Access Rule', id);
    return toAccessRule(row);
  }

  async listAccessRulesForUser(userId: string, hints: DriverHints): Promise<AccessRuleRecord[]> {
    const q = this.db()('access_rule').where({ user_id: userId }).orderBy('id');
    applyHintFilters(q as never, hints, ACCESS_RULE_COLUMNS);
    return (await q).map(toAccessRule);
  }

  async deleteAccessRule(id: string): Promise<void> {
    await this.db().transaction(async (trx) => {
      const row = await trx('access_rule').where({ external_id: id }).first('id');
      if (!row) throw NotFound.entity('Access Rule', id);
      // Keystone refuses to orphan a credential's rule (the schema here would cascade instead).
      if (await trx('application_credential_access_rule').where({ access_rule_id: row.id }).first('access_rule_id')) {
        throw new Forbidden('May not delete access rule in use');
      }
      await trx('access_rule').where({ id: row.id }).delete();
    });
  }

  async deleteAccessRulesForUser(userId: string): Promise<void> {
    await this.db().transaction(async (trx) => {
      const ids = trx('access_rule').where({ user_id: userId }).select('id');
      await trx('application_credential_access_rule').whereIn('access_rule_id', ids).delete();
      await trx('access_rule').where({ user_id: userId }).delete();
    });
  }

  /** SQLite enforces ON DELETE CASCADE only with foreign keys on: children go explicitly. */
  private async deleteChildren(trx: Knex.Transaction, internalIds: number[]): Promise<void> {
    if (internalIds.length === 0) return;
    await trx('application_credential_role').whereIn('application_credential_id', internalIds).delete();
    await trx('application_credential_access_rule').whereIn('application_credential_id', internalIds).delete();
  }

  /** Credentials with their roles and rules: three queries whatever the number of rows. */
  private async load(q: Knex.QueryBuilder): Promise<ApplicationCredentialRecord[]> {
    const rows = (await q.select('ac.*').orderBy('ac.internal_id')) as Row[];
    if (rows.length === 0) return [];
    const internalIds = rows.map((r) => r.internal_id as number);
    const roles = await this.db()('application_credential_role').whereIn('application_credential_id', internalIds).orderBy('role_id');
    const rules = await this.db()('application_credential_access_rule as acar')
      .join('access_rule as ar', 'ar.id', 'acar.access_rule_id')
      .whereIn('acar.application_credential_id', internalIds)
      .orderBy('ar.id')
      .select('acar.application_credential_id', 'ar.*');
    return rows.map((row) => {
      const record: ApplicationCredentialRecord = {
        id: row.id as string,
        name: row.name as string,
        description: (row.description as string | null) ?? null,
        user_id: row.user_id as string,
        project_id: (row.project_id as string | null) ?? null,
        system: (row.system as string | null) ?? null,
        expires_at: row.expires_at === null || row.expires_at === undefined ? null : Number(row.expires_at),
        unrestricted: fromDbBool(row.unrestricted) ?? false,
        roles: roles.filter((r) => r.application_credential_id === row.internal_id).map((r) => ({ id: r.role_id as string })),
      };
      const own = rules.filter((r) => r.application_credential_id === row.internal_id);
      if (own.length > 0) record.access_rules = own.map(toAccessRule);
      return record;
    });
  }
}

function toAccessRule(row: Row): AccessRuleRecord {
  return { id: row.external_id as string, service: row.service as string, path: row.path as string, method: row.method as string };
}
