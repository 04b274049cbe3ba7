import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, ProviderApis, applyRemainingFilters, baseUrl, buildHints, collection } from '@keystone-ts/core';
import { NotFound } from '@keystone-ts/plugin-sdk';
import { AssignmentManager } from '../assignment.manager';
import { pickFilters, selfUrl } from './render';

const FILTERS = ['domain_id', 'enabled', 'name'];

/** GET /v3/users/{user_id}/projects: the projects the user has an effective role on (api/users.py). */
@Controller('v3/users')
export class UserProjectsController {
  constructor(
    private readonly assignment: AssignmentManager,
    private readonly apis: ProviderApis,
    private readonly authz: Authorizer,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get(':user_id/projects')
  async list(@Req() req: FastifyRequest, @Param('user_id') userId: string, @Query() query: Record<string, unknown>) {
    await this.authz.enforce(req, 'identity:list_user_projects', {
      params: { user_id: userId },
      filters: pickFilters(query, FILTERS),
      // Existence is checked later (the user's groups are read), so policy sees an empty target.
      target: async () => {
        try {
          return { user: await this.apis.identity.getUser(userId) };
        } catch (e) {
          if (e instanceof NotFound) return {};
          throw e;
        }
      },
    });
    const ids = await this.assignment.listProjectsForUser(userId);
    const projects = ids.length === 0 ? [] : await this.apis.resource.listProjectsFromIds(ids);
    const visible = applyRemainingFilters(projects, buildHints(query, FILTERS, null));
    const base = baseUrl(req, this.publicEndpoint);
    return collection('projects', visible.map((p) => ({ ...p, links: { self: `${base}/v3/projects/${p.id}` } })), selfUrl(req, base));
  }
}
