import { Controller, Delete, Get, HttpCode, Inject, Param, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, baseUrl, collection } from '@keystone-ts/core';
import { EndpointFilterManager } from '../endpoint-filter.manager';
import { renderEndpoint, renderEndpointGroup, renderProject } from './catalog-render';

/** OS-EP-FILTER associations seen from an endpoint or a project. */
@Controller('v3/OS-EP-FILTER')
export class ProjectEndpointsController {
  constructor(
    private readonly filters: EndpointFilterManager,
    private readonly authz: Authorizer,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get('endpoints/:endpoint_id/projects')
  async projectsForEndpoint(@Req() req: FastifyRequest, @Param('endpoint_id') endpointId: string) {
    await this.authz.enforce(req, 'identity:list_projects_for_endpoint', { params: { endpoint_id: endpointId } });
    const base = baseUrl(req, this.publicEndpoint);
    return collection('projects', (await this.filters.listProjectsForEndpoint(endpointId)).map((p) => renderProject(p, base)), `${base}${req.url}`);
  }

  @Get('projects/:project_id/endpoints/:endpoint_id')
  @HttpCode(204)
  async check(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('endpoint_id') endpointId: string): Promise<void> {
    await this.authz.enforce(req, 'identity:check_endpoint_in_project', { params: { project_id: projectId, endpoint_id: endpointId } });
    await this.filters.checkEndpointInProject(projectId, endpointId);
  }

  @Put('projects/:project_id/endpoints/:endpoint_id')
  @HttpCode(204)
  async add(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('endpoint_id') endpointId: string): Promise<void> {
    await this.authz.enforce(req, 'identity:add_endpoint_to_project', { params: { project_id: projectId, endpoint_id: endpointId } });
    await this.filters.addEndpointToProject(projectId, endpointId);
  }

  @Delete('projects/:project_id/endpoints/:endpoint_id')
  @HttpCode(204)
  async remove(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('endpoint_id') endpointId: string): Promise<void> {
    await this.authz.enforce(req, 'identity:remove_endpoint_from_project', { params: { project_id: projectId, endpoint_id: endpointId } });
    await this.filters.removeEndpointFromProject(projectId, endpointId);
  }

  /** Direct associations and endpoint-group matches together, as the catalog filter sees them. */
  @Get('projects/:project_id/endpoints')
  async endpointsForProject(@Req() req: FastifyRequest, @Param('project_id') projectId: string) {
    await this.authz.enforce(req, 'identity:list_endpoints_for_project', { params: { project_id: projectId } });
    const base = baseUrl(req, this.publicEndpoint);
    return collection('endpoints', (await this.filters.listEndpointsForProject(projectId)).map((e) => renderEndpoint(e, base)), `${base}${req.url}`);
  }

  @Get('projects/:project_id/endpoint_groups')
  async groupsForProject(@Req() req: FastifyRequest, @Param('project_id') projectId: string) {
    await this.authz.enforce(req, 'identity:list_endpoint_groups_for_project', { params: { project_id: projectId } });
    const base = baseUrl(req, this.publicEndpoint);
    return collection('endpoint_groups', (await this.filters.listEndpointGroupsForProject(projectId)).map((g) => renderEndpointGroup(g, base)), `${base}${req.url}`);
  }
}
