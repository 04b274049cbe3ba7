import { Conflict, NotFound, type DriverHints, type ImpliedRoleRecord, type NewRole, type RoleDriver, type RoleRecord } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { applyHintFilters } from '../common/knex-filters';
import { parseExtra } from '../common/sql-values';
import { ROLE_NULL_DOMAIN_ID } from '../schema/tables/assignment.tables';
import { ROLE_OPTION_IDS, roleOptionName, roleOptionsById } from './role-options';
import { assertLength, assertNoNul, hasNul, isForeignKeyViolation, isUniqueViolation, parseJsonValue } from './sql-guards';

const ROLE_ATTRS = new Set(['id', 'name', 'domain_id', 'description', 'options', 'extra']);
const ROLE_FILTER_COLUMNS = { id: 'id', name: 'name', domain_id: 'domain_id', description: 'description' };

/** Roles, role options and inference rules in Keystone's `role`, `role_option` and `implied_role` tables. */
export class SqlRoleDriver implements RoleDriver {
  constructor(private readonly db: () => Knex) {}

  async createRole(roleId: string, role: NewRole): Promise<RoleRecord> {
    const row = toRow(roleId, role);
    const options = roleOptionsById(role.options);
    // Keystone names the domain in the message only when the request did.
    const dupDetail = `Duplicate entry found with name ${role.name}${role.domain_id ? ` at domain ID ${role.domain_id}` : ''}`;
    try {
      await this.db().transaction(async (trx) => {
        const dup = await trx('role').where({ name: row.name, domain_id: row.domain_id }).first('id');
        if (dup) throw Conflict.duplicate('role', dupDetail);
        await trx('role').insert(row);
        await writeOptions(trx, roleId, options);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw Conflict.duplicate('role', dupDetail);
      throw e;
    }
    return this.getRole(roleId);
  }

  async listRoles(hints: DriverHints): Promise<RoleRecord[]> {
    for (const f of hints.filters) {
      if (f.name === 'domain_id' && f.value === null) f.value = ROLE_NULL_DOMAIN_ID;
    }
    if (hints.filters.some((f) => hasNul(f.value))) return [];
    const q = this.db()('role').select('*').orderBy('id');
    applyHintFilters(q as never, hints, ROLE_FILTER_COLUMNS);
    if (hints.limit) q.limit(hints.limit.limit + 1);
    return this.hydrate(await q);
  }

  async listRolesFromIds(roleIds: readonly string[]): Promise<RoleRecord[]> {
    const ids = [...new Set(roleIds)].filter((id) => !hasNul(id));
    if (ids.length === 0) return [];
    return this.hydrate(await this.db()('role').whereIn('id', ids).select('*'));
  }

  async getRole(roleId: string): Promise<RoleRecord> {
    if (hasNul(roleId)) throw NotFound.entity('role', roleId);
    const rows = await this.db()('role').where({ id: roleId }).select('*');
    if (rows.length === 0) throw NotFound.entity('role', roleId);
    return (await this.hydrate(rows))[0];
  }

  async updateRole(roleId: string, patch: Partial<NewRole>): Promise<RoleRecord> {
    const dupDetail = `Duplicate entry found with name ${patch.name}${patch.domain_id ? ` at domain ID ${patch.domain_id}` : ''}`;
    try {
      await this.db().transaction(async (trx) => {
        const old = await trx('role').where({ id: roleId }).first();
        if (!old) throw NotFound.entity('role', roleId);
        const merged = { ...parseExtra(old.extra), name: old.name, domain_id: old.domain_id, description: old.description, ...patch };
        const row = toRow(roleId, merged as NewRole);
        if (row.name !== old.name || row.domain_id !== old.domain_id) {
          const dup = await trx('role').where({ name: row.name, domain_id: row.domain_id }).whereNot({ id: roleId }).first('id');
          if (dup) throw Conflict.duplicate('role', dupDetail);
        }
        const { id: _id, ...columns } = row;
        await trx('role').where({ id: roleId }).update(columns);
        // Options absent from the patch stay; ids no longer registered are dropped, as Keystone does.
        await trx('role_option').where({ role_id: roleId }).whereNotIn('option_id', [...ROLE_OPTION_IDS]).delete();
        await writeOptions(trx, roleId, roleOptionsById(patch.options));
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw Conflict.duplicate('role', dupDetail);
      throw e;
    }
    return this.getRole(roleId);
  }

  async deleteRole(roleId: string): Promise<void> {
    if (hasNul(roleId)) throw NotFound.entity('role', roleId);
    await this.db().transaction(async (trx) => {
      // The foreign keys cascade, but not on a SQLite connection with foreign_keys off.
      await trx('role_option').where({ role_id: roleId }).delete();
      await trx('implied_role').where({ prior_role_id: roleId }).orWhere({ implied_role_id: roleId }).delete();
      const n = await trx('role').where({ id: roleId }).delete();
      if (n === 0) throw NotFound.entity('role', roleId);
    });
  }

  async createImpliedRole(priorRoleId: string, impliedRoleId: string): Promise<ImpliedRoleRecord> {
    const rule = { prior_role_id: priorRoleId, implied_role_id: impliedRoleId };
    for (const id of [priorRoleId, impliedRoleId]) if (hasNul(id)) throw NotFound.entity('role', id);
    try {
      await this.db().transaction(async (trx) => {
        const roles = await trx('role').whereIn('id', [priorRoleId, impliedRoleId]).select('id');
        for (const id of [priorRoleId, impliedRoleId]) {
          if (!roles.some((r) => r.id === id)) throw NotFound.entity('role', id);
        }
        if (await trx('implied_role').where(rule).first('prior_role_id')) throw Conflict.duplicate('implied_role', 'Duplicate entry');
        await trx('implied_role').insert(rule);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw Conflict.duplicate('implied_role', 'Duplicate entry');
      if (isForeignKeyViolation(e)) throw NotFound.entity('role', impliedRoleId);
      throw e;
    }
    return rule;
  }

  async getImpliedRole(priorRoleId: string, impliedRoleId: string): Promise<ImpliedRoleRecord> {
    if (hasNul(priorRoleId, impliedRoleId)) throw impliedNotFound(priorRoleId, impliedRoleId);
    const row = await this.db()('implied_role').where({ prior_role_id: priorRoleId, implied_role_id: impliedRoleId }).first();
    if (!row) throw impliedNotFound(priorRoleId, impliedRoleId);
    return toRule(row);
  }

  async deleteImpliedRole(priorRoleId: string, impliedRoleId: string): Promise<void> {
    if (hasNul(priorRoleId, impliedRoleId)) throw impliedNotFound(priorRoleId, impliedRoleId);
    const n = await this.db()('implied_role').where({ prior_role_id: priorRoleId, implied_role_id: impliedRoleId }).delete();
    if (n === 0) throw impliedNotFound(priorRoleId, impliedRoleId);
  }

  async listImpliedRoles(priorRoleId: string): Promise<ImpliedRoleRecord[]> {
    if (hasNul(priorRoleId)) return [];
    return (await this.db()('implied_role').where({ prior_role_id: priorRoleId })).map(toRule);
  }

  async listRoleInferenceRules(): Promise<ImpliedRoleRecord[]> {
    return (await this.db()('implied_role').select('*')).map(toRule);
  }

  /** Options of every listed role in one query. */
  private async hydrate(rows: Record<string, unknown>[]): Promise<RoleRecord[]> {
    if (rows.length === 0) return [];
    const opts = await this.db()('role_option').whereIn('role_id', rows.map((r) => r.id as string));
    const byRole = new Map<string, Record<string, unknown>>();
    for (const o of opts) {
      const name = roleOptionName(o.option_id as string);
      if (!name) continue;
      const m = byRole.get(o.role_id as string) ?? {};
      m[name] = parseJsonValue(o.option_value);
      byRole.set(o.role_id as string, m);
    }
    return rows.map((r) => ({
      ...parseExtra(r.extra),
      id: r.id as string,
      name: r.name as string,
      domain_id: r.domain_id === ROLE_NULL_DOMAIN_ID ? null : (r.domain_id as string),
      description: (r.description as string | null) ?? null,
      options: byRole.get(r.id as string) ?? {},
    }));
  }
}

/** The row Keystone's RoleTable.from_dict would build, with its column-length checks. */
function toRow(roleId: string, role: NewRole): { id: string; name: string; domain_id: string; description: string | null; extra: string } {
  const domainId = role.domain_id === null || role.domain_id === undefined ? ROLE_NULL_DOMAIN_ID : role.domain_id;
  assertLength('id', roleId, 64);
  assertLength('name', role.name, 255);
  assertLength('domain_id', domainId, 64);
  assertLength('description', role.description, 255);
  assertNoNul('id', roleId);
  assertNoNul('name', role.name);
  assertNoNul('domain_id', domainId);
  assertNoNul('description', role.description);
  const extra = Object.fromEntries(Object.entries(role).filter(([k]) => !ROLE_ATTRS.has(k)));
  return { id: roleId, name: role.name, domain_id: domainId, description: role.description ?? null, extra: JSON.stringify(extra) };
}

async function writeOptions(trx: Knex.Transaction, roleId: string, options: Map<string, unknown>): Promise<void> {
  for (const [optionId, value] of options) {
    await trx('role_option').where({ role_id: roleId, option_id: optionId }).delete();
    if (value !== null) await trx('role_option').insert({ role_id: roleId, option_id: optionId, option_value: JSON.stringify(value) });
  }
}

function toRule(row: Record<string, unknown>): ImpliedRoleRecord {
  return { prior_role_id: row.prior_role_id as string, implied_role_id: row.implied_role_id as string };
}

function impliedNotFound(prior: string, implied: string): NotFound {
  return new NotFound(`${prior} does not imply ${implied}.`);
}
