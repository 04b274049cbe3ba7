import { PARAM, type JsonHomeRegistry } from '@keystone-ts/core';

const ROLE = PARAM('role_id');
const USER = PARAM('user_id');
const GROUP = PARAM('group_id');
const PROJECT = PARAM('project_id');
const DOMAIN = PARAM('domain_id');
const OS_INHERIT = (name: string) => `ext/OS-INHERIT/1.0/rel/${name}`;

type Vars = Record<string, string>;

/** The JSON-Home resources this subsystem serves, named and shaped as Keystone 22 names them. */
export function registerAssignmentJsonHome(home: JsonHomeRegistry): void {
  const tpl = (rel: string, template: string, vars: Vars) => home.add(rel, { 'href-template': template, 'href-vars': vars });
  home.add('roles', { href: '/roles' });
  tpl('role', '/roles/{role_id}', { role_id: ROLE });
  tpl('implied_roles', '/roles/{prior_role_id}/implies', { prior_role_id: ROLE });
  tpl('implied_role', '/roles/{prior_role_id}/implies/{implied_role_id}', { prior_role_id: ROLE, implied_role_id: ROLE });
  home.add('role_inferences', { href: '/role_inferences' });
  home.add('role_assignments', { href: '/role_assignments' });
  tpl('user_projects', '/users/{user_id}/projects', { user_id: USER });

  for (const [target, targetVar] of [['project', PROJECT], ['domain', DOMAIN]] as const) {
    for (const [actor, actorVar] of [['user', USER], ['group', GROUP]] as const) {
      const prefix = `/${target}s/{${target}_id}/${actor}s/{${actor}_id}/roles`;
      const vars = { [`${target}_id`]: targetVar, [`${actor}_id`]: actorVar };
      tpl(`${target}_${actor}_roles`, prefix, vars);
      tpl(`${target}_${actor}_role`, `${prefix}/{role_id}`, { ...vars, role_id: ROLE });
      const inherited = `/OS-INHERIT${prefix}`;
      tpl(OS_INHERIT(`${target}_${actor}_role_inherited_to_projects`), `${inherited}/{role_id}/inherited_to_projects`, { ...vars, role_id: ROLE });
      if (target === 'domain') tpl(OS_INHERIT(`${target}_${actor}_roles_inherited_to_projects`), `${inherited}/inherited_to_projects`, vars);
    }
  }

  for (const [actor, actorVar] of [['user', USER], ['group', GROUP]] as const) {
    tpl(`system_${actor}_roles`, `/system/${actor}s/{${actor}_id}/roles`, { [`${actor}_id`]: actorVar });
    tpl(`system_${actor}_role`, `/system/${actor}s/{${actor}_id}/roles/{role_id}`, { [`${actor}_id`]: actorVar, role_id: ROLE });
  }
}
