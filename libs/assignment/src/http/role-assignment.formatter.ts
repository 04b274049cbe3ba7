import type { Assignment } from '../effective/assignment.types';

type Json = Record<string, unknown>;

/**
 * Keystone's `RoleAssignmentsResource._format_entity`. There is no `indirect`
 * key in the API: where an assignment came from is told by its links —
 * `assignment` points at the grant that produced it (the group's, the
 * inherited one on a parent or domain, the prior role's), `membership` at
 * the group membership, `prior_role` at the inference rule. The prior_role
 * link puts the implied role first, exactly as Keystone 22 writes it.
 */
export function formatAssignment(e: Assignment, base: string): Json {
  const url = (path: string) => `${base}/v3${path}`;
  const links: Json = {};
  const out: Json = { links };
  let scope: Json = {};
  let link = '';
  let inherited = e.inherited_to_projects !== undefined;

  if (e.project_id !== undefined) {
    const project: Json = { id: e.project_id };
    if (e.project_name !== undefined) Object.assign(project, { name: e.project_name, domain: { id: e.project_domain_id, name: e.project_domain_name } });
    scope = { project };
    if (e.indirect?.domain_id !== undefined) {
      inherited = true;
      link = `/domains/${e.indirect.domain_id}`;
    } else if (e.indirect?.project_id !== undefined) {
      inherited = true;
      link = `/projects/${e.indirect.project_id}`;
    } else {
      link = `/projects/${e.project_id}`;
    }
  } else if (e.domain_id !== undefined) {
    scope = { domain: e.domain_name !== undefined ? { id: e.domain_id, name: e.domain_name } : { id: e.domain_id } };
    link = `/domains/${e.domain_id}`;
  } else if (e.system) {
    scope = { system: e.system };
    link = '/system';
  }
  out.scope = scope;

  if (e.user_id !== undefined) {
    out.user = named(e.user_id, e.user_name, e.user_domain_id, e.user_domain_name);
    if (e.indirect?.group_id !== undefined) {
      links.membership = url(`/groups/${e.indirect.group_id}/users/${e.user_id}`);
      link += `/groups/${e.indirect.group_id}`;
    } else {
      link += `/users/${e.user_id}`;
    }
  } else if (e.group_id !== undefined) {
    out.group = named(e.group_id, e.group_name, e.group_domain_id, e.group_domain_name);
    link += `/groups/${e.group_id}`;
  }

  const role: Json = { id: e.role_id };
  if (e.role_name !== undefined) {
    role.name = e.role_name;
    if (e.role_domain_id !== undefined && e.role_domain_name !== undefined) role.domain = { id: e.role_domain_id, name: e.role_domain_name };
  }
  out.role = role;

  let priorRole = '';
  if (e.indirect?.role_id !== undefined) {
    link += `/roles/${e.indirect.role_id}`;
    priorRole = `/prior_role/${e.role_id}/implies/${e.indirect.role_id}`;
  } else {
    link += `/roles/${e.role_id}`;
  }

  if (inherited) {
    scope['OS-INHERIT:inherited_to'] = 'projects';
    link = `/OS-INHERIT${link}/inherited_to_projects`;
  }
  links.assignment = url(link);
  if (priorRole) links.prior_role = url(priorRole);
  return out;
}

function named(id: string, name: unknown, domainId: unknown, domainName: unknown): Json {
  return name !== undefined ? { id, name, domain: { id: domainId, name: domainName } } : { id };
}
