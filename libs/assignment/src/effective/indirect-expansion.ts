import { NotFound } from '@keystone-ts/plugin-sdk';
import type { Assignment } from './assignment.types';
import type { CallLookups } from './call-lookups';

export interface ExpansionScope {
  userId?: string;
  projectId?: string;
  /** Projects below projectId when the listing includes its subtree; null otherwise. */
  subtreeIds: string[] | null;
  /** False when listing assignments sourced from given groups (they stay group assignments). */
  expandGroups: boolean;
}

/**
 * Keystone's `_expand_indirect_assignment`: a group assignment becomes one
 * per member (`indirect.group_id`), an inherited one becomes one per project
 * it reaches (`indirect.project_id` / `indirect.domain_id`). With a user or
 * project in the scope, only that user or project is produced.
 */
export async function expandIndirect(ref: Assignment, scope: ExpansionScope, lookups: CallLookups): Promise<Assignment[]> {
  if (ref.inherited_to_projects === 'projects') return expandInherited(ref, scope, lookups);
  if (ref.group_id !== undefined && scope.expandGroups) return expandGroup(ref, scope.userId, lookups);
  return [ref];
}

async function expandGroup(ref: Assignment, userId: string | undefined, lookups: CallLookups): Promise<Assignment[]> {
  if (userId) return [asMember(ref, userId)];
  let members: { id: string }[];
  try {
    members = await lookups.usersInGroup(ref.group_id!);
  } catch (e) {
    // Keystone logs "group not found but still has role assignments" and moves on.
    if (!(e instanceof NotFound)) throw e;
    members = [];
  }
  return members.map((m) => asMember(ref, m.id));
}

function asMember(ref: Assignment, userId: string): Assignment {
  const { group_id, ...rest } = ref;
  return { ...rest, user_id: userId, indirect: { ...(ref.indirect ?? {}), group_id } };
}

async function expandInherited(ref: Assignment, scope: ExpansionScope, lookups: CallLookups): Promise<Assignment[]> {
  const projectIds = await reachedProjects(ref, scope, lookups);
  const bases = ref.group_id !== undefined && scope.expandGroups ? await expandGroup(ref, scope.userId, lookups) : [ref];
  const out: Assignment[] = [];
  for (const base of bases) for (const p of projectIds) out.push(onProject(base, p));
  return out;
}

/** Which projects an inherited assignment is shown on. */
async function reachedProjects(ref: Assignment, scope: ExpansionScope, lookups: CallLookups): Promise<string[]> {
  if (scope.projectId) {
    // Only assignments that can reach the filtered project(s) were fetched.
    let ids = [scope.projectId];
    if (scope.subtreeIds && scope.subtreeIds.length > 0) {
      ids = [...ids, ...scope.subtreeIds];
      // Assigned inside the subtree: only the part below the assignment point inherits.
      if (ref.project_id !== undefined && ids.includes(ref.project_id)) ids = (await lookups.subtree(ref.project_id)).map((p) => p.id);
    }
    return ids;
  }
  if (ref.domain_id !== undefined) return (await lookups.projectsInDomain(ref.domain_id)).map((p) => p.id);
  return (await lookups.subtree(ref.project_id!)).map((p) => p.id);
}

function onProject(base: Assignment, projectId: string): Assignment {
  const { project_id, domain_id, inherited_to_projects: _i, ...rest } = base;
  const indirect = { ...(base.indirect ?? {}) };
  if (project_id !== undefined) indirect.project_id = project_id;
  else indirect.domain_id = domain_id;
  return { ...rest, project_id: projectId, indirect };
}
