import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, baseUrl, collection, validateBody } from '@keystone-ts/core';
import { DriverHints, type NewEndpointGroup } from '@keystone-ts/plugin-sdk';
import { EndpointFilterManager } from '../endpoint-filter.manager';
import { renderEndpoint, renderEndpointGroup, renderProject } from './catalog-render';
import { endpointGroupCreateSchema, endpointGroupUpdateSchema, wrapped } from './catalog.schemas';
import { requireMatchingId } from './regions.controller';

type Body = { endpoint_group: NewEndpointGroup };

/** /v3/OS-EP-FILTER/endpoint_groups and their projects and endpoints. */
@Controller('v3/OS-EP-FILTER/endpoint_groups')
export class EndpointGroupsController {
  constructor(
    private readonly filters: EndpointFilterManager,
    private readonly authz: Authorizer,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Query() query: Record<string, string>) {
    await this.authz.enforce(req, 'identity:list_endpoint_groups');
    const groups = await this.filters.listEndpointGroups(nameHints(query));
    const base = baseUrl(req, this.publicEndpoint);
    return collection('endpoint_groups', groups.map((g) => renderEndpointGroup(g, base)), `${base}${req.url}`);
  }

  @Post()
  @HttpCode(201)
  async create(@Req() req: FastifyRequest) {
    await this.authz.enforce(req, 'identity:create_endpoint_group');
    const group = validateBody<Body>(wrapped('endpoint_group', endpointGroupCreateSchema), req.body).endpoint_group;
    return { endpoint_group: renderEndpointGroup(await this.filters.createEndpointGroup(group), baseUrl(req, this.publicEndpoint)) };
  }

  @Get(':endpoint_group_id')
  async get(@Req() req: FastifyRequest, @Param('endpoint_group_id') groupId: string) {
    await this.authz.enforce(req, 'identity:get_endpoint_group', { params: { endpoint_group_id: groupId } });
    return { endpoint_group: renderEndpointGroup(await this.filters.getEndpointGroup(groupId), baseUrl(req, this.publicEndpoint)) };
  }

  @Patch(':endpoint_group_id')
  async update(@Req() req: FastifyRequest, @Param('endpoint_group_id') groupId: string) {
    await this.authz.enforce(req, 'identity:update_endpoint_group', { params: { endpoint_group_id: groupId } });
    const group = validateBody<Body>(wrapped('endpoint_group', endpointGroupUpdateSchema), req.body).endpoint_group;
    requireMatchingId(group, groupId);
    return { endpoint_group: renderEndpointGroup(await this.filters.updateEndpointGroup(groupId, group), baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':endpoint_group_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('endpoint_group_id') groupId: string): Promise<void> {
    await this.authz.enforce(req, 'identity:delete_endpoint_group', { params: { endpoint_group_id: groupId } });
    await this.filters.deleteEndpointGroup(groupId);
  }

  @Get(':endpoint_group_id/projects')
  async projects(@Req() req: FastifyRequest, @Param('endpoint_group_id') groupId: string) {
    await this.authz.enforce(req, 'identity:list_projects_associated_with_endpoint_group', { params: { endpoint_group_id: groupId } });
    const base = baseUrl(req, this.publicEndpoint);
    return collection('projects', (await this.filters.listProjectsForEndpointGroup(groupId)).map((p) => renderProject(p, base)), `${base}${req.url}`);
  }

  @Get(':endpoint_group_id/endpoints')
  async endpoints(@Req() req: FastifyRequest, @Param('endpoint_group_id') groupId: string) {
    await this.authz.enforce(req, 'identity:list_endpoints_associated_with_endpoint_group', { params: { endpoint_group_id: groupId } });
    const base = baseUrl(req, this.publicEndpoint);
    return collection('endpoints', (await this.filters.listEndpointsInGroup(groupId)).map((e) => renderEndpoint(e, base)), `${base}${req.url}`);
  }

  /** The association's own link is a bare path, not a URL: Keystone builds it that way. */
  @Get(':endpoint_group_id/projects/:project_id')
  async getProject(@Req() req: FastifyRequest, @Param('endpoint_group_id') groupId: string, @Param('project_id') projectId: string) {
    await this.authz.enforce(req, 'identity:get_endpoint_group_in_project', { params: { endpoint_group_id: groupId, project_id: projectId } });
    const ref = await this.filters.getEndpointGroupInProject(groupId, projectId);
    return { project_endpoint_group: { ...ref, links: { self: `/OS-EP-FILTER/endpoint_groups/${groupId}/projects/${projectId}` } } };
  }

  @Put(':endpoint_group_id/projects/:project_id')
  @HttpCode(204)
  async addProject(@Req() req: FastifyRequest, @Param('endpoint_group_id') groupId: string, @Param('project_id') projectId: string): Promise<void> {
    await this.authz.enforce(req, 'identity:add_endpoint_group_to_project', { params: { endpoint_group_id: groupId, project_id: projectId } });
    await this.filters.addEndpointGroupToProject(groupId, projectId);
  }

  @Delete(':endpoint_group_id/projects/:project_id')
  @HttpCode(204)
  async removeProject(@Req() req: FastifyRequest, @Param('endpoint_group_id') groupId: string, @Param('project_id') projectId: string): Promise<void> {
    await this.authz.enforce(req, 'identity:remove_endpoint_group_from_project', { params: { endpoint_group_id: groupId, project_id: projectId } });
    await this.filters.removeEndpointGroupFromProject(groupId, projectId);
  }
}

/**
 * Keystone declares this listing's filters as the string `'name'`, so any
 * query key that is a substring of "name" becomes an exact filter (and
 * `?a=x`, matching no attribute, empties the list); no `__contains` forms.
 */
function nameHints(query: Record<string, string | string[]>): DriverHints {
  const hints = new DriverHints();
  for (const [key, raw] of Object.entries(query)) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (typeof value === 'string' && key !== '' && 'name'.includes(key)) hints.addFilter(key, value);
  }
  return hints;
}
