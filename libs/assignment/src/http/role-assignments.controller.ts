import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, baseUrl, collection } from '@keystone-ts/core';
import { ValidationError } from '@keystone-ts/plugin-sdk';
import { AssignmentManager } from '../assignment.manager';
import type { AssignmentFilter } from '../effective/assignment.types';
import { formatAssignment } from './role-assignment.formatter';
import { pickFilters, queryFlag, queryValue, selfUrl } from './render';

const INHERITED_TO = 'scope.OS-INHERIT:inherited_to';
const FILTERS = ['group.id', 'role.id', 'scope.domain.id', 'scope.project.id', INHERITED_TO, 'user.id', 'scope.system'];
const TREE_FILTERS = FILTERS.filter((f) => f !== 'scope.system');

/** GET /v3/role_assignments (api/role_assignments.py); GET also answers HEAD. */
@Controller('v3/role_assignments')
export class RoleAssignmentsController {
  constructor(
    private readonly assignment: AssignmentManager,
    private readonly authz: Authorizer,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Query() query: Record<string, unknown>) {
    if (queryFlag(query, 'include_subtree')) return this.listForTree(req, query);
    const caller = await this.authz.caller(req);
    const callerDomain = caller.domainId;
    await this.authz.enforce(req, 'identity:list_role_assignments', {
      filters: pickFilters(query, FILTERS),
      target: callerDomain ? () => ({ domain_id: callerDomain }) : undefined,
    });
    const lookups = this.assignment.lookups();
    let refs = await this.assignment.listAssignments(parseFilter(query, false), lookups);
    if (callerDomain) {
      // A domain-scoped caller sees the domain's assignments and those on its projects only.
      const kept = [];
      for (const r of refs) {
        if (r.project_id === undefined && r.domain_id === callerDomain) kept.push(r);
        else if (r.project_id !== undefined && (await lookups.project(r.project_id)).domain_id === callerDomain) kept.push(r);
      }
      refs = kept;
    }
    return this.render(req, refs);
  }

  private async listForTree(req: FastifyRequest, query: Record<string, unknown>) {
    const projectId = queryValue(query, 'scope.project.id');
    await this.authz.enforce(req, 'identity:list_role_assignments_for_tree', {
      filters: pickFilters(query, TREE_FILTERS),
      target: projectId ? async () => ({ project: await this.assignment.lookups().project(projectId) }) : undefined,
    });
    if (!projectId) throw new ValidationError('scope.project.id must be specified if include_subtree is also specified');
    return this.render(req, await this.assignment.listAssignments(parseFilter(query, true)));
  }

  private render(req: FastifyRequest, refs: Awaited<ReturnType<AssignmentManager['listAssignments']>>) {
    const base = baseUrl(req, this.publicEndpoint);
    return collection('role_assignments', refs.map((r) => formatAssignment(r, base)), selfUrl(req, base));
  }
}

/** The query as Keystone's `_build_role_assignments_list` reads it, with its refusals. */
function parseFilter(query: Record<string, unknown>, includeSubtree: boolean): AssignmentFilter {
  // Keystone tests these with truthiness: an empty value counts as absent.
  const get = (k: string) => queryValue(query, k) || undefined;
  const [user, group, domain, project, system] = ['user.id', 'group.id', 'scope.domain.id', 'scope.project.id', 'scope.system'].map(get);
  if (domain && project) throw new ValidationError('Specify a domain or project, not both');
  if (domain && system) throw new ValidationError('Specify system or domain, not both');
  if (project && system) throw new ValidationError('Specify system or project, not both');
  if (user && group) throw new ValidationError('Specify a user or group, not both');
  const effective = queryFlag(query, 'effective');
  const inheritedTo = queryValue(query, INHERITED_TO);
  const inherited = inheritedTo === undefined ? undefined : inheritedTo === 'projects';
  if (effective && group) throw new ValidationError('Combining effective and group filter will always result in an empty list.');
  if (effective && inherited && domain) {
    throw new ValidationError('Combining effective, domain and inherited filters will always result in an empty list.');
  }
  return {
    roleId: get('role.id'),
    userId: user,
    groupId: group,
    system,
    domainId: domain,
    projectId: project,
    includeSubtree,
    inherited,
    effective,
    includeNames: queryFlag(query, 'include_names'),
  };
}
