import { Controller, Delete, Get, HttpCode, Param, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { GrantHandlers } from './grant-handlers';
import { GrantTargets } from './grant-targets';

/** /v3/projects/{project_id}/{users,groups}/{id}/roles[/{role_id}] (api/projects.py). GET also answers HEAD. */
@Controller('v3/projects/:project_id')
export class ProjectGrantsController {
  constructor(
    private readonly grants: GrantHandlers,
    private readonly targets: GrantTargets,
  ) {}

  @Get('users/:user_id/roles')
  listUser(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('user_id') userId: string) {
    const p = { projectId, userId };
    return this.grants.list(req, p, false, () => this.targets.project(p));
  }

  @Get('users/:user_id/roles/:role_id')
  @HttpCode(204)
  checkUser(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('user_id') userId: string, @Param('role_id') roleId: string) {
    const p = { projectId, userId, roleId };
    return this.grants.check(req, p, false, () => this.targets.project(p));
  }

  @Put('users/:user_id/roles/:role_id')
  @HttpCode(204)
  grantUser(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('user_id') userId: string, @Param('role_id') roleId: string) {
    const p = { projectId, userId, roleId };
    return this.grants.create(req, p, false, () => this.targets.project(p));
  }

  @Delete('users/:user_id/roles/:role_id')
  @HttpCode(204)
  revokeUser(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('user_id') userId: string, @Param('role_id') roleId: string) {
    const p = { projectId, userId, roleId };
    return this.grants.revoke(req, p, false, () => this.targets.project(p, true));
  }

  @Get('groups/:group_id/roles')
  listGroup(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('group_id') groupId: string) {
    const p = { projectId, groupId };
    return this.grants.list(req, p, false, () => this.targets.project(p));
  }

  @Get('groups/:group_id/roles/:role_id')
  @HttpCode(204)
  checkGroup(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('group_id') groupId: string, @Param('role_id') roleId: string) {
    const p = { projectId, groupId, roleId };
    return this.grants.check(req, p, false, () => this.targets.project(p));
  }

  @Put('groups/:group_id/roles/:role_id')
  @HttpCode(204)
  grantGroup(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('group_id') groupId: string, @Param('role_id') roleId: string) {
    const p = { projectId, groupId, roleId };
    return this.grants.create(req, p, false, () => this.targets.project(p));
  }

  @Delete('groups/:group_id/roles/:role_id')
  @HttpCode(204)
  revokeGroup(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('group_id') groupId: string, @Param('role_id') roleId: string) {
    const p = { projectId, groupId, roleId };
    return this.grants.revoke(req, p, false, () => this.targets.project(p, true));
  }
}
