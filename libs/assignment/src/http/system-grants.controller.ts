import { Controller, Delete, Get, HttpCode, Inject, Param, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, baseUrl, collection } from '@keystone-ts/core';
import type { SystemAssignmentType } from '@keystone-ts/plugin-sdk';
import { AssignmentManager } from '../assignment.manager';
import { GrantTargets, type GrantParams } from './grant-targets';
import { renderRole, selfUrl } from './render';

type Kind = 'user' | 'group';
const TYPE: Record<Kind, SystemAssignmentType> = { user: 'UserSystem', group: 'GroupSystem' };

/** /v3/system/{users,groups}/{id}/roles[/{role_id}] (api/system.py). */
@Controller('v3/system')
export class SystemGrantsController {
  constructor(
    private readonly assignment: AssignmentManager,
    private readonly targets: GrantTargets,
    private readonly authz: Authorizer,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get('users/:user_id/roles')
  listUser(@Req() req: FastifyRequest, @Param('user_id') id: string) {
    return this.list(req, 'user', id);
  }
  @Get('users/:user_id/roles/:role_id')
  @HttpCode(204)
  checkUser(@Req() req: FastifyRequest, @Param('user_id') id: string, @Param('role_id') roleId: string) {
    return this.check(req, 'user', id, roleId);
  }
  @Put('users/:user_id/roles/:role_id')
  @HttpCode(204)
  grantUser(@Req() req: FastifyRequest, @Param('user_id') id: string, @Param('role_id') roleId: string) {
    return this.create(req, 'user', id, roleId);
  }
  @Delete('users/:user_id/roles/:role_id')
  @HttpCode(204)
  revokeUser(@Req() req: FastifyRequest, @Param('user_id') id: string, @Param('role_id') roleId: string) {
    return this.revoke(req, 'user', id, roleId);
  }

  @Get('groups/:group_id/roles')
  listGroup(@Req() req: FastifyRequest, @Param('group_id') id: string) {
    return this.list(req, 'group', id);
  }
  @Get('groups/:group_id/roles/:role_id')
  @HttpCode(204)
  checkGroup(@Req() req: FastifyRequest, @Param('group_id') id: string, @Param('role_id') roleId: string) {
    return this.check(req, 'group', id, roleId);
  }
  @Put('groups/:group_id/roles/:role_id')
  @HttpCode(204)
  grantGroup(@Req() req: FastifyRequest, @Param('group_id') id: string, @Param('role_id') roleId: string) {
    return this.create(req, 'group', id, roleId);
  }
  @Delete('groups/:group_id/roles/:role_id')
  @HttpCode(204)
  revokeGroup(@Req() req: FastifyRequest, @Param('group_id') id: string, @Param('role_id') roleId: string) {
    return this.revoke(req, 'group', id, roleId);
  }

  private async list(req: FastifyRequest, kind: Kind, id: string) {
    await this.enforce(req, `identity:list_system_grants_for_${kind}`, params(kind, id));
    const roles = await this.assignment.system.list(TYPE[kind], id);
    const base = baseUrl(req, this.publicEndpoint);
    return collection('roles', roles.map((r) => renderRole(r, base)), selfUrl(req, base));
  }

  private async check(req: FastifyRequest, kind: Kind, id: string, roleId: string): Promise<void> {
    await this.enforce(req, `identity:check_system_grant_for_${kind}`, params(kind, id, roleId));
    await this.assignment.system.check(id, roleId);
  }

  private async create(req: FastifyRequest, kind: Kind, id: string, roleId: string): Promise<void> {
    await this.enforce(req, `identity:create_system_grant_for_${kind}`, params(kind, id, roleId));
    await this.assignment.system.create(TYPE[kind], id, roleId);
  }

  private async revoke(req: FastifyRequest, kind: Kind, id: string, roleId: string): Promise<void> {
    await this.enforce(req, `identity:revoke_system_grant_for_${kind}`, params(kind, id, roleId), true);
    await this.assignment.system.delete(id, roleId);
  }

  private async enforce(req: FastifyRequest, action: string, p: GrantParams, allowMissingActor = false): Promise<void> {
    const view: Record<string, string> = {};
    if (p.userId) view.user_id = p.userId;
    if (p.groupId) view.group_id = p.groupId;
    if (p.roleId) view.role_id = p.roleId;
    await this.authz.enforce(req, action, { params: view, target: () => this.targets.system(p, allowMissingActor) });
  }
}

function params(kind: Kind, id: string, roleId?: string): GrantParams {
  return kind === 'user' ? { userId: id, roleId } : { groupId: id, roleId };
}
