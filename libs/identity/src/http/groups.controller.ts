import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, KeystoneConfig, PUBLIC_ENDPOINT, baseUrl, buildHints, collection, listLimit, validateBody } from '@keystone-ts/core';
import type { GroupRecord, NewGroup } from '@keystone-ts/plugin-sdk';
import { IdentityManager } from '../identity.manager';
import { groupCreateSchema, groupUpdateSchema, wrapped } from './identity.schemas';
import { render as renderUser } from './users.controller';

const GROUP_FILTERS = ['domain_id', 'name'];

/** /v3/groups and group membership. */
@Controller('v3/groups')
export class GroupsController {
  constructor(
    private readonly identity: IdentityManager,
    private readonly authz: Authorizer,
    private readonly config: KeystoneConfig,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Query() query: Record<string, string>) {
    await this.authz.enforce(req, 'identity:list_groups', { filters: query });
    const { refs, truncated } = await this.identity.listGroups(buildHints(query, GROUP_FILTERS, listLimit(this.config, 'identity')));
    const base = baseUrl(req, this.publicEndpoint);
    return collection('groups', refs.map((g) => render(g, base)), `${base}${req.url}`, truncated);
  }

  @Post()
  @HttpCode(201)
  async create(@Req() req: FastifyRequest) {
    const body = validateBody<{ group: NewGroup }>(wrapped('group', groupCreateSchema), req.body);
    await this.authz.enforce(req, 'identity:create_group', { target: () => ({ group: body.group }) });
    return { group: render(await this.identity.createGroup(body.group), baseUrl(req, this.publicEndpoint)) };
  }

  @Get(':group_id')
  async get(@Req() req: FastifyRequest, @Param('group_id') groupId: string) {
    const group = await this.enforceOnGroup(req, 'identity:get_group', groupId);
    return { group: render(group, baseUrl(req, this.publicEndpoint)) };
  }

  @Patch(':group_id')
  async update(@Req() req: FastifyRequest, @Param('group_id') groupId: string) {
    const body = validateBody<{ group: Partial<GroupRecord> }>(wrapped('group', groupUpdateSchema), req.body);
    await this.enforceOnGroup(req, 'identity:update_group', groupId);
    return { group: render(await this.identity.updateGroup(groupId, body.group), baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':group_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('group_id') groupId: string): Promise<void> {
    await this.enforceOnGroup(req, 'identity:delete_group', groupId);
    await this.identity.deleteGroup(groupId);
  }

  @Get(':group_id/users')
  async users(@Req() req: FastifyRequest, @Param('group_id') groupId: string, @Query() query: Record<string, string>) {
    await this.enforceOnGroup(req, 'identity:list_users_in_group', groupId);
    const users = await this.identity.listUsersInGroup(groupId, buildHints(query, ['domain_id', 'enabled', 'name', 'password_expires_at'], null));
    const base = baseUrl(req, this.publicEndpoint);
    return collection('users', users.map((u) => renderUser(u, base)), `${base}${req.url}`);
  }

  @Put(':group_id/users/:user_id')
  @HttpCode(204)
  async addUser(@Req() req: FastifyRequest, @Param('group_id') groupId: string, @Param('user_id') userId: string): Promise<void> {
    await this.enforceMembership(req, 'identity:add_user_to_group', groupId, userId);
    await this.identity.addUserToGroup(userId, groupId);
  }

  @Get(':group_id/users/:user_id')
  @HttpCode(204)
  async checkUser(@Req() req: FastifyRequest, @Param('group_id') groupId: string, @Param('user_id') userId: string): Promise<void> {
    await this.enforceMembership(req, 'identity:check_user_in_group', groupId, userId);
    await this.identity.checkUserInGroup(userId, groupId);
  }

  @Delete(':group_id/users/:user_id')
  @HttpCode(204)
  async removeUser(@Req() req: FastifyRequest, @Param('group_id') groupId: string, @Param('user_id') userId: string): Promise<void> {
    await this.enforceMembership(req, 'identity:remove_user_from_group', groupId, userId);
    await this.identity.removeUserFromGroup(userId, groupId);
  }

  private async enforceOnGroup(req: FastifyRequest, action: string, groupId: string): Promise<GroupRecord> {
    let group: GroupRecord | undefined;
    await this.authz.enforce(req, action, {
      params: { group_id: groupId },
      target: async () => ({ group: (group = await this.identity.getGroup(groupId)) }),
    });
    return group!;
  }

  private async enforceMembership(req: FastifyRequest, action: string, groupId: string, userId: string): Promise<void> {
    await this.authz.enforce(req, action, {
      params: { group_id: groupId, user_id: userId },
      target: async () => ({ group: await this.identity.getGroup(groupId), user: await this.identity.getUser(userId) }),
    });
  }
}

function render(group: GroupRecord, base: string): Record<string, unknown> {
  return { ...group, links: { self: `${base}/v3/groups/${group.id}` } };
}
