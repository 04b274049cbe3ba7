import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, baseUrl, buildHints, collection, listLimit, validateBody, KeystoneConfig } from '@keystone-ts/core';
import type { NewUser, UserRecord } from '@keystone-ts/plugin-sdk';
import { IdentityManager } from '../identity.manager';
import { passwordChangeSchema, userCreateSchema, userUpdateSchema, wrapped } from './identity.schemas';

const USER_FILTERS = ['domain_id', 'enabled', 'idp_id', 'name', 'password_expires_at', 'protocol_id', 'unique_id'];

/** /v3/users */
@Controller('v3/users')
export class UsersController {
  constructor(
    private readonly identity: IdentityManager,
    private readonly authz: Authorizer,
    private readonly config: KeystoneConfig,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Query() query: Record<string, string>) {
    const filters = pick(query, USER_FILTERS);
    await this.authz.enforce(req, 'identity:list_users', { filters });
    const hints = buildHints(query, USER_FILTERS, listLimit(this.config, 'identity'));
    const { refs, truncated } = await this.identity.listUsers(hints);
    const base = baseUrl(req, this.publicEndpoint);
    return collection('users', refs.map((u) => render(u, base)), `${base}${req.url}`, truncated);
  }

  @Post()
  @HttpCode(201)
  async create(@Req() req: FastifyRequest) {
    const body = validateBody<{ user: NewUser }>(wrapped('user', userCreateSchema), req.body);
    await this.authz.enforce(req, 'identity:create_user', { target: () => ({ user: body.user }) });
    const user = await this.identity.createUser(body.user);
    return { user: render(user, baseUrl(req, this.publicEndpoint)) };
  }

  @Get(':user_id')
  async get(@Req() req: FastifyRequest, @Param('user_id') userId: string) {
    await this.authz.enforce(req, 'identity:get_user', { params: { user_id: userId }, target: async () => ({ user: await this.identity.getUser(userId) }) });
    return { user: render(await this.identity.getUser(userId), baseUrl(req, this.publicEndpoint)) };
  }

  @Patch(':user_id')
  async update(@Req() req: FastifyRequest, @Param('user_id') userId: string) {
    const body = validateBody<{ user: Partial<NewUser> }>(wrapped('user', userUpdateSchema), req.body);
    await this.authz.enforce(req, 'identity:update_user', { params: { user_id: userId }, target: async () => ({ user: await this.identity.getUser(userId) }) });
    return { user: render(await this.identity.updateUser(userId, body.user), baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':user_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('user_id') userId: string): Promise<void> {
    await this.authz.enforce(req, 'identity:delete_user', { params: { user_id: userId }, target: async () => ({ user: await this.identity.getUser(userId) }) });
    await this.identity.deleteUser(userId);
  }

  /** Self-service password change: the original password is the authorization. */
  @Post(':user_id/password')
  @HttpCode(204)
  async changePassword(@Req() req: FastifyRequest, @Param('user_id') userId: string): Promise<void> {
    const body = validateBody<{ user: { original_password: string; password: string } }>(wrapped('user', passwordChangeSchema), req.body);
    await this.identity.changePassword(userId, body.user.original_password, body.user.password);
  }

  @Get(':user_id/groups')
  async groups(@Req() req: FastifyRequest, @Param('user_id') userId: string, @Query() query: Record<string, string>) {
    await this.authz.enforce(req, 'identity:list_groups_for_user', { params: { user_id: userId }, target: async () => ({ user: await this.identity.getUser(userId) }) });
    const hints = buildHints(query, ['name', 'domain_id', 'description'], null);
    const base = baseUrl(req, this.publicEndpoint);
    const groups = await this.identity.listGroupsForUser(userId, hints);
    return collection('groups', groups.map((g) => ({ ...g, links: { self: `${base}/v3/groups/${g.id}` } })), `${base}${req.url}`);
  }
}

/** A user as the API shows it: never the password, always links. */
export function render(user: UserRecord, base: string): Record<string, unknown> {
  const { password: _p, ...rest } = user as UserRecord & { password?: unknown };
  return { ...rest, links: { self: `${base}/v3/users/${user.id}` } };
}

function pick(query: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([k]) => names.includes(k)));
}
