import { NotFound, type RoleRecord } from '@keystone-ts/plugin-sdk';
import type { Assignment } from './assignment.types';
import type { CallLookups } from './call-lookups';
import type { RoleSource } from './role-assignment.lister';

/**
 * Keystone's `_get_names_from_role_assignments` (`?include_names`): names and
 * owning domains of the actor, target and role of each assignment. A user or
 * group gone from its backend gets empty names; a missing project, domain or
 * role is a 404, as in Keystone. Each entity is read once per listing.
 */
export async function withNames(refs: readonly Assignment[], lookups: CallLookups, roles: RoleSource): Promise<Assignment[]> {
  const roleById = new Map<string, RoleRecord>((await roles.listRolesFromIds(refs.map((r) => r.role_id))).map((r) => [r.id, r]));
  const domainName = async (id: string) => (await lookups.domain(id)).name;
  const out: Assignment[] = [];
  for (const ref of refs) {
    const named: Assignment = { ...ref };
    if (ref.domain_id !== undefined) named.domain_name = await domainName(ref.domain_id);
    if (ref.user_id !== undefined) Object.assign(named, await actorNames('user', () => lookups.user(ref.user_id!), domainName));
    if (ref.group_id !== undefined) Object.assign(named, await actorNames('group', () => lookups.group(ref.group_id!), domainName));
    if (ref.project_id !== undefined) {
      const p = await lookups.project(ref.project_id);
      Object.assign(named, { project_name: p.name, project_domain_id: p.domain_id, project_domain_name: await domainName(p.domain_id) });
    }
    const role = roleById.get(ref.role_id) ?? (await roles.getRole(ref.role_id));
    named.role_name = role.name;
    if (role.domain_id !== null) Object.assign(named, { role_domain_id: role.domain_id, role_domain_name: await domainName(role.domain_id) });
    out.push(named);
  }
  return out;
}

async function actorNames(
  kind: 'user' | 'group',
  load: () => Promise<{ name: string; domain_id: string }>,
  domainName: (id: string) => Promise<string>,
): Promise<Record<string, string>> {
  let a: { name: string; domain_id: string };
  try {
    a = await load();
  } catch (e) {
    if (!(e instanceof NotFound)) throw e;
    return { [`${kind}_name`]: '', [`${kind}_domain_id`]: '', [`${kind}_domain_name`]: '' };
  }
  // Outside the guard, as in Keystone's try/else: a missing domain is a 404.
  return { [`${kind}_name`]: a.name, [`${kind}_domain_id`]: a.domain_id, [`${kind}_domain_name`]: await domainName(a.domain_id) };
}
