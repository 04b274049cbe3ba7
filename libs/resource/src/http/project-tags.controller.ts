import { Controller, Delete, Get, HttpCode, Inject, Param, Put, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, baseUrl, validateBody } from '@keystone-ts/core';
import { ResourceManager } from '../resource.manager';
import { memberOf, projectTagSchema, projectTagsSchema } from './resource.schemas';
import { fullV3Url, orEmpty } from './resource-render';

/** /v3/projects/{project_id}/tags[/{value}] */
@Controller('v3/projects/:project_id/tags')
export class ProjectTagsController {
  constructor(
    private readonly resource: ResourceManager,
    private readonly authz: Authorizer,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Param('project_id') projectId: string) {
    await this.enforce(req, 'identity:list_project_tags', projectId);
    return this.wrap(req, await this.resource.listProjectTags(projectId));
  }

  @Put()
  async replace(@Req() req: FastifyRequest, @Param('project_id') projectId: string) {
    await this.enforce(req, 'identity:update_project_tags', projectId);
    const tags = validateBody<string[]>(projectTagsSchema, memberOf(req.body, 'tags'));
    return this.wrap(req, await this.resource.updateProjectTags(projectId, tags));
  }

  @Delete()
  @HttpCode(204)
  async clear(@Req() req: FastifyRequest, @Param('project_id') projectId: string): Promise<void> {
    await this.enforce(req, 'identity:delete_project_tags', projectId);
    await this.resource.updateProjectTags(projectId, []);
  }

  @Get(':value')
  @HttpCode(204)
  async check(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('value') value: string): Promise<void> {
    await this.enforce(req, 'identity:get_project_tag', projectId);
    await this.resource.getProjectTag(projectId, value);
  }

  @Put(':value')
  @HttpCode(201)
  async add(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('project_id') projectId: string,
    @Param('value') value: string,
  ): Promise<void> {
    await this.enforce(req, 'identity:create_project_tag', projectId);
    validateBody(projectTagSchema, value);
    // The 80-tag cap and uniqueness are checked on the list the tag would make.
    validateBody(projectTagsSchema, [...(await this.resource.listProjectTags(projectId)), value]);
    await this.resource.createProjectTag(projectId, value);
    // Keystone's Location really is <base>/v3/<project_id>/tags/<tag> (no "projects/").
    const base = baseUrl(req, this.publicEndpoint);
    void reply.header('location', `${base}/v3/${encodeURIComponent(projectId)}/tags/${encodeURIComponent(value)}`);
  }

  @Delete(':value')
  @HttpCode(204)
  async remove(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('value') value: string): Promise<void> {
    await this.enforce(req, 'identity:delete_project_tag', projectId);
    await this.resource.deleteProjectTag(projectId, value);
  }

  private enforce(req: FastifyRequest, action: string, projectId: string) {
    return this.authz.enforce(req, action, {
      params: { project_id: projectId },
      target: orEmpty(() => this.resource.getProject(projectId), 'project'),
    });
  }

  /** Tags are not an entity with an id: the member's self link is Keystone's bare `<base>/v3`. */
  private wrap(req: FastifyRequest, tags: string[]) {
    return { links: { self: fullV3Url(req, baseUrl(req, this.publicEndpoint)) }, tags };
  }
}
