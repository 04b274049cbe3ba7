import { Controller, Delete, Get, HttpCode, Param, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { GrantHandlers } from './grant-handlers';
import { GrantTargets } from './grant-targets';

/** /v3/domains/{domain_id}/{users,groups}/{id}/roles[/{role_id}] (api/domains.py). GET also answers HEAD. */
@Controller('v3/domains/:domain_id')
export class DomainGrantsController {
  constructor(
    private readonly grants: GrantHandlers,
    private readonly targets: GrantTargets,
  ) {}

  @Get('users/:user_id/roles')
  listUser(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('user_id') userId: string) {
    const p = { domainId, userId };
    return this.grants.list(req, p, false, () => this.targets.domain(p));
  }

  @Get('users/:user_id/roles/:role_id')
  @HttpCode(204)
  checkUser(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('user_id') userId: string, @Param('role_id') roleId: string) {
    const p = { domainId, userId, roleId };
    return this.grants.check(req, p, false, () => this.targets.domain(p));
  }

  @Put('users/:user_id/roles/:role_id')
  @HttpCode(204)
  grantUser(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('user_id') userId: string, @Param('role_id') roleId: string) {
    const p = { domainId, userId, roleId };
    return this.grants.create(req, p, false, () => this.targets.domain(p));
  }

  @Delete('users/:user_id/roles/:role_id')
  @HttpCode(204)
  revokeUser(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('user_id') userId: string, @Param('role_id') roleId: string) {
    const p = { domainId, userId, roleId };
    return this.grants.revoke(req, p, false, () => this.targets.domain(p, true));
  }

  @Get('groups/:group_id/roles')
  listGroup(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('group_id') groupId: string) {
    const p = { domainId, groupId };
    return this.grants.list(req, p, false, () => this.targets.domain(p));
  }

  @Get('groups/:group_id/roles/:role_id')
  @HttpCode(204)
  checkGroup(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('group_id') groupId: string, @Param('role_id') roleId: string) {
    const p = { domainId, groupId, roleId };
    return this.grants.check(req, p, false, () => this.targets.domain(p));
  }

  @Put('groups/:group_id/roles/:role_id')
  @HttpCode(204)
  grantGroup(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('group_id') groupId: string, @Param('role_id') roleId: string) {
    const p = { domainId, groupId, roleId };
    return this.grants.create(req, p, false, () => this.targets.domain(p));
  }

  @Delete('groups/:group_id/roles/:role_id')
  @HttpCode(204)
  revokeGroup(@Req() req: FastifyRequest, @Param('domain_id') domainId: string, @Param('group_id') groupId: string, @Param('role_id') roleId: string) {
    const p = { domainId, groupId, roleId };
    return this.grants.revoke(req, p, false, () => this.targets.domain(p, true));
  }
}
