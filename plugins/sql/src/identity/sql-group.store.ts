import { Conflict, NotFound, type DriverHints, type GroupRecord, type NewGroup } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { applyHintFilters } from '../common/knex-filters';
import { parseExtra } from '../common/sql-values';

const GROUP_ATTRS = new Set(['id', 'name', 'domain_id', 'description']);
const GROUP_FILTER_COLUMNS = { id: 'g.id', name: 'g.name', domain_id: 'g.domain_id', description: 'g.description' };

/** Groups and memberships in Keystone's `group` and `user_group_membership` tables. */
export class SqlGroupStore {
  constructor(private readonly db: () => Knex) {}

  async create(groupId: string, group: NewGroup): Promise<GroupRecord> {
    const dup = await this.db()('group').where({ domain_id: group.domain_id, name: group.name }).first('id');
    if (dup) throw Conflict.duplicate('group', `Duplicate entry found with name ${group.name} at domain ID ${group.domain_id}`);
    await this.db()('group').insert({
      id: groupId,
      domain_id: group.domain_id,
      name: group.name,
      description: group.description ?? null,
      extra: JSON.stringify(extraOf(group)),
    });
    return this.get(groupId);
  }

  async list(hints: DriverHints): Promise<GroupRecord[]> {
    const q = this.db()('group as g').select('g.*').orderBy('g.id');
    applyHintFilters(q as never, hints, GROUP_FILTER_COLUMNS);
    if (hints.limit) q.limit(hints.limit.limit + 1);
    return (await q).map(toGroup);
  }

  async listForUser(userId: string, hints: DriverHints): Promise<GroupRecord[]> {
    const q = this.db()('group as g').join('user_group_membership as m', 'm.group_id', 'g.id').where('m.user_id', userId).select('g.*').orderBy('g.id');
    applyHintFilters(q as never, hints, GROUP_FILTER_COLUMNS);
    return (await q).map(toGroup);
  }

  async get(groupId: string): Promise<GroupRecord> {
    const row = await this.db()('group').where({ id: groupId }).first();
    if (!row) throw NotFound.entity('group', groupId);
    return toGroup(row);
  }

  async getByName(name: string, domainId: string): Promise<GroupRecord> {
    const row = await this.db()('group').where({ name, domain_id: domainId }).first();
    if (!row) throw NotFound.entity('group', name);
    return toGroup(row);
  }

  async update(groupId: string, patch: Partial<GroupRecord>): Promise<GroupRecord> {
    const row = await this.db()('group').where({ id: groupId }).first();
    if (!row) throw NotFound.entity('group', groupId);
    if (patch.name !== undefined && patch.name !== row.name) {
      const dup = await this.db()('group').where({ domain_id: row.domain_id, name: patch.name }).first('id');
      if (dup) throw Conflict.duplicate('group', `Duplicate entry found with name ${patch.name} at domain ID ${row.domain_id}`);
    }
    const update: Record<string, unknown> = { extra: JSON.stringify({ ...parseExtra(row.extra), ...extraOf(patch) }) };
    if (patch.name !== undefined) update.name = patch.name;
    if (patch.description !== undefined) update.description = patch.description;
    await this.db()('group').where({ id: groupId }).update(update);
    return this.get(groupId);
  }

  async delete(groupId: string): Promise<void> {
    await this.db().transaction(async (trx) => {
      await trx('user_group_membership').where({ group_id: groupId }).delete();
      const n = await trx('group').where({ id: groupId }).delete();
      if (n === 0) throw NotFound.entity('group', groupId);
    });
  }

  async addMember(userId: string, groupId: string): Promise<void> {
    await this.get(groupId);
    const exists = await this.db()('user_group_membership').where({ user_id: userId, group_id: groupId }).first('user_id');
    if (!exists) await this.db()('user_group_membership').insert({ user_id: userId, group_id: groupId });
  }

  async checkMember(userId: string, groupId: string): Promise<void> {
    await this.get(groupId);
    const exists = await this.db()('user_group_membership').where({ user_id: userId, group_id: groupId }).first('user_id');
    if (!exists) throw new NotFound(`User '${userId}' not found in group '${groupId}'.`);
  }

  async removeMember(userId: string, groupId: string): Promise<void> {
    await this.get(groupId);
    const n = await this.db()('user_group_membership').where({ user_id: userId, group_id: groupId }).delete();
    if (n === 0) throw new NotFound(`User '${userId}' not found in group '${groupId}'.`);
  }
}

function toGroup(row: Record<string, unknown>): GroupRecord {
  return {
    ...parseExtra(row.extra),
    id: row.id as string,
    name: row.name as string,
    domain_id: row.domain_id as string,
    description: (row.description as string | null) ?? null,
  };
}

function extraOf(group: Partial<GroupRecord>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(group).filter(([k]) => !GROUP_ATTRS.has(k)));
}
