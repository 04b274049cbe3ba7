import type { AssignmentDriver, AssignmentQuery, ImpliedRoleRecord, RoleRecord, SystemAssignmentType } from '@keystone-ts/plugin-sdk';
import type { Assignment, AssignmentFilter } from './assignment.types';
import type { CallLookups } from './call-lookups';
import { InferenceRules } from './implied-roles';
import { expandIndirect } from './indirect-expansion';
import { withNames } from './assignment-names';

/** What the lister reads of roles: rules and roles in bulk, one round trip each. */
export interface RoleSource {
  listRoleInferenceRules(): Promise<ImpliedRoleRecord[]>;
  listRolesFromIds(roleIds: readonly string[]): Promise<RoleRecord[]>;
  getRole(roleId: string): Promise<RoleRecord>;
}

const SYSTEM_TARGET = 'system';

/**
 * Keystone's `list_role_assignments`, direct and effective. Driver reads are
 * batched (a user and their groups in one query per kind of target) and
 * reads of other subsystems go through per-call lookups, so the number of
 * queries depends on the filters, not on how many roles are assigned.
 */
export class RoleAssignmentLister {
  constructor(
    private readonly driver: AssignmentDriver,
    private readonly roles: RoleSource,
  ) {}

  async list(f: AssignmentFilter, lookups: CallLookups): Promise<Assignment[]> {
    const subtreeIds = f.projectId && f.includeSubtree ? (await lookups.subtree(f.projectId)).map((p) => p.id) : null;
    const refs = f.effective ? await this.effective(f, subtreeIds, lookups) : await this.direct(f, subtreeIds);
    return f.includeNames ? withNames(refs, lookups, this.roles) : refs;
  }

  /**
   * The roles an effective listing would show, without building one ref per
   * implied role: closures over the inference rules, then one read of the
   * roles. What tokens need, in a constant number of queries.
   */
  async effectiveRoles(f: AssignmentFilter, lookups: CallLookups): Promise<RoleRecord[]> {
    const base = await this.effectiveBase(f, null, lookups);
    if (base.length === 0) return [];
    const rules = new InferenceRules(await this.roles.listRoleInferenceRules());
    const ids = rules.expandIds(new Set(base.map((r) => r.role_id)));
    const roles = await this.roles.listRolesFromIds(ids);
    return f.stripDomainRoles === false ? roles : roles.filter((r) => r.domain_id === null);
  }

  /** Targets (project or domain ids) the effective assignments give at least one role on. */
  async effectiveTargets(f: AssignmentFilter, key: 'project_id' | 'domain_id', lookups: CallLookups): Promise<string[]> {
    const base = await this.effectiveBase(f, null, lookups);
    const byTarget = new Map<string, Set<string>>();
    for (const r of base) {
      const t = r[key];
      if (t !== undefined) byTarget.set(t, (byTarget.get(t) ?? new Set()).add(r.role_id));
    }
    if (byTarget.size === 0) return [];
    const rules = new InferenceRules(await this.roles.listRoleInferenceRules());
    const allIds = rules.expandIds(new Set(base.map((r) => r.role_id)));
    // Domain-specific roles only infer others; a target reached through them alone does not count.
    const global = new Set((await this.roles.listRolesFromIds(allIds)).filter((r) => r.domain_id === null).map((r) => r.id));
    return [...byTarget].filter(([, ids]) => rules.expandIds(ids).some((id) => global.has(id))).map(([t]) => t);
  }

  private async effective(f: AssignmentFilter, subtreeIds: string[] | null, lookups: CallLookups): Promise<Assignment[]> {
    const base = await this.effectiveBase(f, subtreeIds, lookups);
    if (base.length === 0) return [];
    let refs = new InferenceRules(await this.roles.listRoleInferenceRules()).addImpliedRoles(base);
    if (f.stripDomainRoles !== false) {
      const global = new Set((await this.roles.listRolesFromIds(refs.map((r) => r.role_id))).filter((r) => r.domain_id === null).map((r) => r.id));
      refs = refs.filter((r) => global.has(r.role_id));
    }
    return f.roleId ? refs.filter((r) => r.role_id === f.roleId) : refs;
  }

  /** Keystone's `_list_effective_role_assignments` up to (not including) implied roles. */
  private async effectiveBase(f: AssignmentFilter, subtreeIds: string[] | null, lookups: CallLookups): Promise<Assignment[]> {
    // Group assignments are expanded away and domains inherit nothing: always empty.
    if (f.groupId || (f.domainId && f.inherited)) return [];
    if (f.userId && f.sourceFromGroupIds) throw new Error('Cannot list assignments sourced from groups and filtered by user ID.');
    // Keystone would list every assignment for an empty group list; nothing is the sane answer.
    if (f.sourceFromGroupIds && f.sourceFromGroupIds.length === 0) return [];
    const inherited = f.domainId ? false : f.inherited;
    let groupIds = f.sourceFromGroupIds;
    if (!groupIds && f.userId) {
      const ids = (await lookups.groupsForUser(f.userId)).map((g) => g.id);
      if (ids.length > 0) groupIds = ids;
    }
    let refs = await this.forActors({ userId: f.userId, groupIds }, f.projectId, subtreeIds, f.domainId, inherited, lookups);
    // The user's own assignments first, then those of their groups, as Keystone concatenates them.
    if (f.userId) refs = [...refs.filter((r) => r.user_id !== undefined), ...refs.filter((r) => r.user_id === undefined)];
    const scope = { userId: f.userId, projectId: f.projectId, subtreeIds, expandGroups: f.sourceFromGroupIds === undefined };
    const out: Assignment[] = [];
    for (const ref of refs) out.push(...(await expandIndirect(ref, scope, lookups)));
    return out;
  }

  /** Keystone's `list_role_assignments_for_actor`: what could affect the actor on the target. */
  private async forActors(
    actor: Pick<AssignmentQuery, 'userId' | 'groupIds'>,
    projectId: string | undefined,
    subtreeIds: string[] | null,
    domainId: string | undefined,
    inherited: boolean | undefined,
    lookups: CallLookups,
  ): Promise<Assignment[]> {
    const interest = projectId ? [...(subtreeIds ?? []), projectId] : undefined;
    const reads: Promise<Assignment[]>[] = [];
    if (inherited !== true) reads.push(this.driver.listRoleAssignments({ ...actor, domainId, projectIds: interest, inherited: false }));
    if (inherited !== false) {
      if (projectId) {
        // The project and its subtree share one domain; inherited grants come from it or from ancestors.
        const project = await lookups.project(projectId);
        // A project acting as a domain has no domain (Keystone would then read every inherited grant of the actor).
        if (project.domain_id) reads.push(this.driver.listRoleAssignments({ ...actor, domainId: project.domain_id, inherited: true }));
        const sources = (await lookups.parents(projectId)).map((p) => p.id);
        if (subtreeIds && subtreeIds.length > 0) sources.push(...interest!);
        if (sources.length > 0) reads.push(this.driver.listRoleAssignments({ ...actor, projectIds: sources, inherited: true }));
      } else {
        reads.push(this.driver.listRoleAssignments({ ...actor, inherited: true }));
      }
    }
    return (await Promise.all(reads)).flat();
  }

  /** Keystone's `_list_direct_role_assignments`. */
  private async direct(f: AssignmentFilter, subtreeIds: string[] | null): Promise<Assignment[]> {
    const system = f.system === 'all';
    const interest = f.projectId ? [...(subtreeIds ?? []), f.projectId] : undefined;
    const out: Assignment[] = system
      ? []
      : await this.driver.listRoleAssignments({
          roleId: f.roleId,
          userId: f.userId,
          groupIds: f.groupId ? [f.groupId] : undefined,
          domainId: f.domainId,
          projectIds: interest,
          inherited: f.inherited,
        });
    if (system || (!f.projectId && !f.domainId)) {
      const sys = await this.systemAssignments(f);
      out.push(...(f.roleId ? sys.filter((a) => a.role_id === f.roleId) : sys));
    }
    return out;
  }

  private async systemAssignments(f: AssignmentFilter): Promise<Assignment[]> {
    const actor = f.userId ? { user_id: f.userId } : f.groupId ? { group_id: f.groupId } : null;
    if (!actor) {
      const all = await this.driver.listSystemGrants({ targetId: SYSTEM_TARGET });
      return all.map((g) => ({
        ...(g.type === 'GroupSystem' ? { group_id: g.actor_id } : g.type === 'UserSystem' ? { user_id: g.actor_id } : {}),
        role_id: g.role_id,
        system: { all: true as const },
      }));
    }
    const type: SystemAssignmentType = f.userId ? 'UserSystem' : 'GroupSystem';
    const grants = await this.driver.listSystemGrants({ actorIds: [(f.userId ?? f.groupId)!], targetId: SYSTEM_TARGET, type });
    // Through the roles, as Keystone does: a grant of a since-deleted role does not show.
    const roles = await this.roles.listRolesFromIds(grants.map((g) => g.role_id));
    return roles.map((r) => ({ system: { all: true as const }, ...actor, role_id: r.id }));
  }
}
