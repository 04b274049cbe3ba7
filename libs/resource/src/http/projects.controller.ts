import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Authorizer, KeystoneConfig, PUBLIC_ENDPOINT, ProviderApis, baseUrl, buildHints, collection, listLimit, validateBody } from '@keystone-ts/core';
import type { ProjectRef } from '@keystone-ts/core';
import { NotFound, ValidationError, type ProjectRecord } from '@keystone-ts/plugin-sdk';
import { ResourceManager } from '../resource.manager';
import { memberOf, normalizeKeys, projectCreateSchema, projectUpdateSchema } from './resource.schemas';
import { firstValue, orEmpty, pick, queryFlag, withLinks } from './resource-render';
import { rawBooleanFilters } from './list-hints';

const PROJECT_FILTERS = ['domain_id', 'enabled', 'name', 'parent_id', 'is_domain'];
const TAG_PARAMS = ['tags', 'tags-any', 'not-tags', 'not-tags-any'];

/** /v3/projects (Keystone's api/projects.py, without the grant routes). */
@Controller('v3/projects')
export class ProjectsController {
  constructor(
    private readonly resource: ResourceManager,
    private readonly authz: Authorizer,
    private readonly apis: ProviderApis,
    private readonly config: KeystoneConfig,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Query() query: Record<string, unknown>) {
    const caller = await this.authz.caller(req);
    await this.authz.enforce(req, 'identity:list_projects', {
      filters: pick(query, PROJECT_FILTERS),
      target: caller.domainId ? () => ({ domain_id: caller.domainId }) : undefined,
    });
    const hints = rawBooleanFilters(buildHints(query, PROJECT_FILTERS, listLimit(this.config, 'resource')), query);
    // Domains are listed here only when asked for with ?is_domain.
    if (!('is_domain' in query)) hints.addFilter('is_domain', '0');
    for (const t of TAG_PARAMS) if (t in query) hints.addFilter(t, firstValue(query[t]) ?? '');
    const { refs, truncated } = await this.resource.listProjects(hints);
    // A domain-scoped token sees its domain's projects only.
    const visible = caller.domainId ? refs.filter((r) => r.domain_id === caller.domainId) : refs;
    const base = baseUrl(req, this.publicEndpoint);
    return collection('projects', visible.map((p) => withLinks(p, base, 'projects')), `${base}${req.url}`, truncated);
  }

  @Post()
  @HttpCode(201)
  async create(@Req() req: FastifyRequest) {
    const given = memberOf(req.body, 'project');
    const caller = await this.authz.enforce(req, 'identity:create_project', { target: () => ({ project: given }) });
    const body = validateBody<Record<string, unknown>>(projectCreateSchema, given);
    const id = randomUUID().replace(/-/g, '');
    const project: Record<string, unknown> = { ...body, id };
    // The API wants the place in the hierarchy unambiguous: a domain (the token's, else the default) or a parent.
    if (!project.is_domain && !project.domain_id) {
      project.domain_id = caller.domainId ?? this.config.get<string>('identity', 'default_domain_id');
    }
    if (!project.parent_id) project.parent_id = project.domain_id ?? null;
    const normalized = validateBody<ProjectRef>(projectCreateSchema, normalizeKeys(project));
    try {
      const ref = await this.resource.createProject(id, normalized);
      return { project: withLinks(ref, baseUrl(req, this.publicEndpoint), 'projects') };
    } catch (e) {
      // A missing domain or parent is the client's input error here.
      if (e instanceof NotFound) throw new ValidationError(e.message);
      throw e;
    }
  }

  @Get(':project_id')
  async get(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Query() query: Record<string, unknown>) {
    const caller = await this.authz.enforce(req, 'identity:get_project', {
      params: { project_id: projectId },
      target: orEmpty(() => this.resource.getProject(projectId), 'project'),
    });
    const project = (await this.resource.getProject(projectId)) as unknown as ProjectRecord;
    const base = baseUrl(req, this.publicEndpoint);
    return { project: withLinks({ ...project, ...(await this.expand(project, query, caller.userId, base)) }, base, 'projects') };
  }

  @Patch(':project_id')
  async update(@Req() req: FastifyRequest, @Param('project_id') projectId: string) {
    await this.authz.enforce(req, 'identity:update_project', {
      params: { project_id: projectId },
      target: orEmpty(() => this.resource.getProject(projectId), 'project'),
    });
    const patch = validateBody<Record<string, unknown>>(projectUpdateSchema, memberOf(req.body, 'project'));
    if (patch.id !== undefined && patch.id !== null && patch.id !== projectId) throw new ValidationError('Cannot change ID');
    const ref = await this.resource.updateProject(projectId, patch);
    return { project: withLinks(ref, baseUrl(req, this.publicEndpoint), 'projects') };
  }

  @Delete(':project_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('project_id') projectId: string): Promise<void> {
    await this.authz.enforce(req, 'identity:delete_project', {
      params: { project_id: projectId },
      target: orEmpty(() => this.resource.getProject(projectId), 'project'),
    });
    await this.resource.deleteProject(projectId);
  }

  /** `?parents_as_list|parents_as_ids` and `?subtree_as_list|subtree_as_ids`, in Keystone's shapes. */
  private async expand(project: ProjectRecord, query: Record<string, unknown>, userId: string, base: string): Promise<Record<string, unknown>> {
    const [parentsList, parentsIds] = [queryFlag(query, 'parents_as_list'), queryFlag(query, 'parents_as_ids')];
    const [subtreeList, subtreeIds] = [queryFlag(query, 'subtree_as_list'), queryFlag(query, 'subtree_as_ids')];
    if (parentsList && parentsIds) throw new ValidationError('Cannot use parents_as_list and parents_as_ids query params at the same time.');
    if (subtreeList && subtreeIds) throw new ValidationError('Cannot use subtree_as_list and subtree_as_ids query params at the same time.');
    const out: Record<string, unknown> = {};
    const wrap = (refs: ProjectRef[]) => refs.map((p) => ({ project: withLinks(p, base, 'projects') }));
    if (parentsList) out.parents = wrap(await this.visibleTo(userId, await this.resource.listProjectParents(project.id)));
    else if (parentsIds) out.parents = await this.resource.projectParentsAsIds(project);
    if (subtreeList) out.subtree = wrap(await this.visibleTo(userId, await this.resource.listProjectsInSubtree(project.id)));
    else if (subtreeIds) out.subtree = await this.resource.projectSubtreeAsIds(project.id);
    return out;
  }

  /** The list forms show only projects the caller has a role on (Keystone's `_filter_projects_list`). */
  private async visibleTo(userId: string, refs: ProjectRef[]): Promise<ProjectRef[]> {
    if (!this.apis.has('assignment')) return refs;
    const mine = new Set(await this.apis.assignment.listProjectsForUser(userId));
    return refs.filter((p) => mine.has(p.id));
  }
}
