import {
  NotFound,
  ValidationError,
  type AssignmentDriver,
  type AssignmentQuery,
  type AssignmentRecord,
  type AssignmentType,
  type GrantKey,
  type SystemAssignmentType,
  type SystemGrantRecord,
} from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { fromDbBool, toDbBool, type Dialect } from '../common/sql-values';
import { assertLength, assertNoNul, hasNul } from './sql-guards';

const USER_TYPES: readonly AssignmentType[] = ['UserProject', 'UserDomain'];
const GROUP_TYPES: readonly AssignmentType[] = ['GroupProject', 'GroupDomain'];
const PROJECT_TYPES: readonly AssignmentType[] = ['UserProject', 'GroupProject'];
const DOMAIN_TYPES: readonly AssignmentType[] = ['UserDomain', 'GroupDomain'];

/** Project/domain grants in Keystone's `assignment` table, system grants in `system_assignment`. */
export class SqlAssignmentDriver implements AssignmentDriver {
  readonly defaultRoleDriver = 'sql';

  constructor(
    private readonly db: () => Knex,
    private readonly dialect: Dialect,
  ) {}

  async createGrant(roleId: string, grant: GrantKey): Promise<void> {
    const row = { type: typeOf(grant), actor_id: actorOf(grant), target_id: targetOf(grant), role_id: roleId, inherited: toDbBool(this.dialect, grant.inherited) };
    assertLength('actor_id', row.actor_id, 64);
    assertLength('target_id', row.target_id, 64);
    assertLength('role_id', row.role_id, 64);
    assertNoNul('id', row.actor_id, row.target_id, row.role_id);
    // The v3 grant APIs are silent when the grant exists; ON CONFLICT keeps that race-free.
    await this.db()('assignment').insert(row).onConflict(['type', 'actor_id', 'target_id', 'role_id', 'inherited']).ignore();
  }

  async listGrantRoleIds(grant: GrantKey): Promise<string[]> {
    if (hasNul(actorOf(grant), targetOf(grant))) return [];
    // Keystone filters on actor and target ids only, not on the assignment type.
    const rows = await this.db()('assignment')
      .where({ actor_id: actorOf(grant), target_id: targetOf(grant), inherited: toDbBool(this.dialect, grant.inherited) })
      .select('role_id');
    return rows.map((r) => r.role_id as string);
  }

  async checkGrantRoleId(roleId: string, grant: GrantKey): Promise<void> {
    const row = hasNul(roleId, actorOf(grant), targetOf(grant)) ? undefined : await this.grantFilter(roleId, grant).first('role_id');
    if (!row) throw assignmentNotFound(roleId, actorOf(grant), targetOf(grant));
  }

  async deleteGrant(roleId: string, grant: GrantKey): Promise<void> {
    const n = hasNul(roleId, actorOf(grant), targetOf(grant)) ? 0 : await this.grantFilter(roleId, grant).delete();
    if (n === 0) throw assignmentNotFound(roleId, actorOf(grant), targetOf(grant));
  }

  async listRoleAssignments(query: AssignmentQuery): Promise<AssignmentRecord[]> {
    if (hasNul(query.roleId, query.userId, query.domainId)) return [];
    // Ids with NUL match nothing; a list left empty by that must not widen the query.
    const projects = query.projectIds && query.projectIds.length > 0 ? query.projectIds.filter((id) => !hasNul(id)) : null;
    const askedGroups = query.groupIds && query.groupIds.length > 0 ? query.groupIds.filter((id) => !hasNul(id)) : null;
    if (projects?.length === 0 || (askedGroups?.length === 0 && !query.userId)) return [];
    const domain = projects ? null : (query.domainId ?? null);
    const targetTypes = projects ? PROJECT_TYPES : domain ? DOMAIN_TYPES : null;
    const groups = askedGroups && askedGroups.length > 0 ? askedGroups : null;
    const q = this.db()('assignment').select('type', 'actor_id', 'target_id', 'role_id', 'inherited');
    if (query.roleId) q.where('role_id', query.roleId);
    if (projects) q.whereIn('target_id', [...projects]);
    else if (domain) q.where('target_id', domain);
    const actorClause = (w: Knex.QueryBuilder, types: readonly AssignmentType[], actors: readonly string[]) =>
      w.whereIn('type', intersect(types, targetTypes)).whereIn('actor_id', [...actors]);
    if (query.userId && groups) {
      q.where((w) => w.where((u) => actorClause(u, USER_TYPES, [query.userId!])).orWhere((g) => actorClause(g, GROUP_TYPES, groups)));
    } else if (query.userId) {
      actorClause(q, USER_TYPES, [query.userId]);
    } else if (groups) {
      actorClause(q, GROUP_TYPES, groups);
    } else if (targetTypes) {
      q.whereIn('type', [...targetTypes]);
    }
    if (query.inherited !== undefined) q.where('inherited', toDbBool(this.dialect, query.inherited));
    return (await q).map(toRecord);
  }

  async deleteProjectAssignments(projectId: string): Promise<void> {
    if (hasNul(projectId)) return;
    await this.db()('assignment').where({ target_id: projectId }).whereIn('type', [...PROJECT_TYPES]).delete();
  }

  async deleteRoleAssignments(roleId: string): Promise<void> {
    if (hasNul(roleId)) return;
    await this.db().transaction(async (trx) => {
      await trx('assignment').where({ role_id: roleId }).delete();
      await trx('system_assignment').where({ role_id: roleId }).delete();
    });
  }

  async deleteDomainAssignments(domainId: string): Promise<void> {
    if (hasNul(domainId)) return;
    await this.db()('assignment').where({ target_id: domainId }).whereIn('type', [...DOMAIN_TYPES]).delete();
  }

  async deleteUserAssignments(userId: string): Promise<void> {
    if (hasNul(userId)) return;
    await this.db()('assignment').where({ actor_id: userId }).whereIn('type', [...USER_TYPES]).delete();
  }

  async deleteGroupAssignments(groupId: string): Promise<void> {
    if (hasNul(groupId)) return;
    await this.db()('assignment').where({ actor_id: groupId }).whereIn('type', [...GROUP_TYPES]).delete();
  }

  async createSystemGrant(roleId: string, actorId: string, targetId: string, type: SystemAssignmentType, inherited: boolean): Promise<void> {
    assertLength('actor_id', actorId, 64);
    assertLength('role_id', roleId, 64);
    assertNoNul('id', actorId, targetId, roleId);
    const row = { type, actor_id: actorId, target_id: targetId, role_id: roleId, inherited: toDbBool(this.dialect, inherited) };
    await this.db()('system_assignment').insert(row).onConflict(['type', 'actor_id', 'target_id', 'role_id', 'inherited']).ignore();
  }

  async listSystemGrants(filter: { actorIds?: readonly string[]; targetId?: string; type?: SystemAssignmentType }): Promise<SystemGrantRecord[]> {
    const actors = filter.actorIds?.filter((id) => !hasNul(id));
    if (actors?.length === 0 || hasNul(filter.targetId)) return [];
    const q = this.db()('system_assignment').select('*');
    if (actors) q.whereIn('actor_id', actors);
    if (filter.targetId) q.where('target_id', filter.targetId);
    if (filter.type) q.where('type', filter.type);
    return (await q).map((r) => ({
      type: r.type as SystemAssignmentType,
      actor_id: r.actor_id as string,
      target_id: r.target_id as string,
      role_id: r.role_id as string,
      inherited: fromDbBool(r.inherited) ?? false,
    }));
  }

  async checkSystemGrant(roleId: string, actorId: string, targetId: string, inherited: boolean): Promise<void> {
    const row = hasNul(roleId, actorId, targetId) ? undefined : await this.systemFilter(roleId, actorId, targetId, inherited).first('role_id');
    if (!row) throw assignmentNotFound(roleId, actorId, targetId);
  }

  async deleteSystemGrant(roleId: string, actorId: string, targetId: string, inherited: boolean): Promise<void> {
    const n = hasNul(roleId, actorId, targetId) ? 0 : await this.systemFilter(roleId, actorId, targetId, inherited).delete();
    if (n === 0) throw assignmentNotFound(roleId, actorId, targetId);
  }

  /** Keystone's `_build_grant_filter`: the actor id, and a target of the matching kind. */
  private grantFilter(roleId: string, grant: GrantKey): Knex.QueryBuilder {
    return this.db()('assignment')
      .where({ actor_id: actorOf(grant), target_id: targetOf(grant), role_id: roleId, inherited: toDbBool(this.dialect, grant.inherited) })
      .whereIn('type', [...(grant.domainId ? DOMAIN_TYPES : PROJECT_TYPES)]);
  }

  private systemFilter(roleId: string, actorId: string, targetId: string, inherited: boolean): Knex.QueryBuilder {
    return this.db()('system_assignment').where({ actor_id: actorId, target_id: targetId, role_id: roleId, inherited: toDbBool(this.dialect, inherited) });
  }
}

function typeOf(g: GrantKey): AssignmentType {
  if (g.userId && g.projectId) return 'UserProject';
  if (g.userId && g.domainId) return 'UserDomain';
  if (g.groupId && g.projectId) return 'GroupProject';
  if (g.groupId && g.domainId) return 'GroupDomain';
  // Keystone's AssignmentTypeCalculationError: a programming error, not the client's.
  throw new ValidationError('Unexpected combination of grant attributes.');
}

function actorOf(g: GrantKey): string {
  return (g.userId ?? g.groupId) as string;
}

function targetOf(g: GrantKey): string {
  return (g.projectId ?? g.domainId) as string;
}

function intersect(types: readonly AssignmentType[], targets: readonly AssignmentType[] | null): AssignmentType[] {
  return targets ? types.filter((t) => targets.includes(t)) : [...types];
}

function toRecord(r: Record<string, unknown>): AssignmentRecord {
  const out: AssignmentRecord = { role_id: r.role_id as string };
  const type = r.type as AssignmentType;
  if (type === 'UserProject' || type === 'UserDomain') out.user_id = r.actor_id as string;
  else out.group_id = r.actor_id as string;
  if (type === 'UserProject' || type === 'GroupProject') out.project_id = r.target_id as string;
  else out.domain_id = r.target_id as string;
  if (fromDbBool(r.inherited)) out.inherited_to_projects = 'projects';
  return out;
}

function assignmentNotFound(roleId: string, actorId: string, targetId: string): NotFound {
  return new NotFound(`Could not find role assignment with role: ${roleId}, user or group: ${actorId}, project, domain, or system: ${targetId}.`);
}
