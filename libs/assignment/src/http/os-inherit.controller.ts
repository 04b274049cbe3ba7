import { Controller, Delete, Get, HttpCode, Param, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { GrantHandlers } from './grant-handlers';
import { GrantTargets, type GrantParams } from './grant-targets';

const SUFFIX = 'inherited_to_projects';

/**
 * /v3/OS-INHERIT: grants inherited to the projects below a domain or a
 * project (api/os_inherit.py). Only domains have the list forms.
 */
@Controller('v3/OS-INHERIT')
export class OsInheritController {
  constructor(
    private readonly grants: GrantHandlers,
    private readonly targets: GrantTargets,
  ) {}

  @Get(`domains/:domain_id/users/:user_id/roles/${SUFFIX}`)
  listDomainUser(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('user_id') userId: string) {
    return this.run('list', req, { domainId, userId });
  }

  @Get(`domains/:domain_id/groups/:group_id/roles/${SUFFIX}`)
  listDomainGroup(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('group_id') groupId: string) {
    return this.run('list', req, { domainId, groupId });
  }

  @Get(`domains/:domain_id/users/:user_id/roles/:role_id/${SUFFIX}`)
  @HttpCode(204)
  checkDomainUser(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('user_id') userId: string, @Param('role_id') roleId: string) {
    return this.run('check', req, { domainId, userId, roleId });
  }

  @Put(`domains/:domain_id/users/:user_id/roles/:role_id/${SUFFIX}`)
  @HttpCode(204)
  grantDomainUser(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('user_id') userId: string, @Param('role_id') roleId: string) {
    return this.run('create', req, { domainId, userId, roleId });
  }

  @Delete(`domains/:domain_id/users/:user_id/roles/:role_id/${SUFFIX}`)
  @HttpCode(204)
  revokeDomainUser(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('user_id') userId: string, @Param('role_id') roleId: string) {
    return this.run('revoke', req, { domainId, userId, roleId });
  }

  @Get(`domains/:domain_id/groups/:group_id/roles/:role_id/${SUFFIX}`)
  @HttpCode(204)
  checkDomainGroup(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('group_id') groupId: string, @Param('role_id') roleId: string) {
    return this.run('check', req, { domainId, groupId, roleId });
  }

  @Put(`domains/:domain_id/groups/:group_id/roles/:role_id/${SUFFIX}`)
  @HttpCode(204)
  grantDomainGroup(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('group_id') groupId: string, @Param('role_id') roleId: string) {
    return this.run('create', req, { domainId, groupId, roleId });
  }

  @Delete(`domains/:domain_id/groups/:group_id/roles/:role_id/${SUFFIX}`)
  @HttpCode(204)
  revokeDomainGroup(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('group_id') groupId: string, @Param('role_id') roleId: string) {
    return this.run('revoke', req, { domainId, groupId, roleId });
  }

  @Get(`projects/:project_id/users/:user_id/roles/:role_id/${SUFFIX}`)
  @HttpCode(204)
  checkProjectUser(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('user_id') userId: string, @Param('role_id') roleId: string) {
    return this.run('check', req, { projectId, userId, roleId });
  }

  @Put(`projects/:project_id/users/:user_id/roles/:role_id/${SUFFIX}`)
  @HttpCode(204)
  grantProjectUser(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('user_id') userId: string, @Param('role_id') roleId: string) {
    return this.run('create', req, { projectId, userId, roleId });
  }

  @Delete(`projects/:project_id/users/:user_id/roles/:role_id/${SUFFIX}`)
  @HttpCode(204)
  revokeProjectUser(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('user_id') userId: string, @Param('role_id') roleId: string) {
    return this.run('revoke', req, { projectId, userId, roleId });
  }

  @Get(`projects/:project_id/groups/:group_id/roles/:role_id/${SUFFIX}`)
  @HttpCode(204)
  checkProjectGroup(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('group_id') groupId: string, @Param('role_id') roleId: string) {
    return this.run('check', req, { projectId, groupId, roleId });
  }

  @Put(`projects/:project_id/groups/:group_id/roles/:role_id/${SUFFIX}`)
  @HttpCode(204)
  grantProjectGroup(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('group_id') groupId: string, @Param('role_id') roleId: string) {
    return this.run('create', req, { projectId, groupId, roleId });
  }

  @Delete(`projects/:project_id/groups/:group_id/roles/:role_id/${SUFFIX}`)
  @HttpCode(204)
  revokeProjectGroup(@Req() req: FastifyRequest, @Param('project_id') projectId: string, @Param('group_id') groupId: string, @Param('role_id') roleId: string) {
    return this.run('revoke', req, { projectId, groupId, roleId });
  }

  private run(op: 'list' | 'check' | 'create' | 'revoke', req: FastifyRequest, p: GrantParams) {
    return this.grants[op](req, p, true, () => this.targets.osInherit(p));
  }
}
