import { Controller, Delete, Get, HttpCode, Inject, Param, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, ProviderApis, baseUrl, collection, type Caller } from '@keystone-ts/core';
import { Forbidden, NotFound, Unauthorized, type AccessTokenRecord } from '@keystone-ts/plugin-sdk';
import { OAuth1Manager } from '../oauth1.manager';
import { isDelegatedCaller } from '../delegation';

/** /v3/users/{user_id}/OS-OAUTH1/access_tokens: the user's delegations (secrets never shown). */
@Controller('v3/users/:user_id/OS-OAUTH1/access_tokens')
export class UserAccessTokensController {
  constructor(
    private readonly oauth1: OAuth1Manager,
    private readonly apis: ProviderApis,
    private readonly authz: Authorizer,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Param('user_id') userId: string) {
    blockDelegated(await this.authz.enforce(req, 'identity:list_access_tokens', { params: { user_id: userId } }));
    const base = baseUrl(req, this.publicEndpoint);
    const refs = (await this.oauth1.listAccessTokens(userId)).map((t) => render(t, base));
    return collection('access_tokens', refs, `${base}${req.url}`);
  }

  @Get(':access_token_id')
  async get(@Req() req: FastifyRequest, @Param('user_id') userId: string, @Param('access_token_id') id: string) {
    blockDelegated(await this.authz.enforce(req, 'identity:get_access_token', { params: { user_id: userId, access_token_id: id } }));
    return { access_token: render(await this.ownedBy(userId, id), baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':access_token_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('user_id') userId: string, @Param('access_token_id') id: string): Promise<void> {
    // Keystone 22 guards this route with the EC2 credential rule and an empty target
    // (no credential in the path), so in effect only an admin passes it.
    const caller = await this.authz.enforce(req, 'identity:ec2_delete_credential', { params: { user_id: userId, access_token_id: id }, target: () => ({}) });
    blockDelegated(caller);
    await this.oauth1.getAccessToken(id);
    await this.oauth1.deleteAccessToken(userId, id);
  }

  @Get(':access_token_id/roles')
  async listRoles(@Req() req: FastifyRequest, @Param('user_id') userId: string, @Param('access_token_id') id: string) {
    await this.authz.enforce(req, 'identity:list_access_token_roles', { params: { user_id: userId, access_token_id: id } });
    const token = await this.ownedBy(userId, id);
    const base = baseUrl(req, this.publicEndpoint);
    const roles = await Promise.all(token.role_ids.map((roleId) => this.apis.assignment.getRole(roleId)));
    return collection('roles', roles.map((r) => renderRole(r, base)), `${base}${req.url}`);
  }

  @Get(':access_token_id/roles/:role_id')
  async getRole(@Req() req: FastifyRequest, @Param('user_id') userId: string, @Param('access_token_id') id: string, @Param('role_id') roleId: string) {
    await this.authz.enforce(req, 'identity:get_access_token_role', { params: { user_id: userId, access_token_id: id, role_id: roleId } });
    const token = await this.oauth1.getAccessToken(id);
    if (token.authorizing_user_id !== userId) throw new Unauthorized('User IDs do not match');
    if (!token.role_ids.includes(roleId)) throw NotFound.entity('role', roleId);
    return { role: renderRole(await this.apis.assignment.getRole(roleId), baseUrl(req, this.publicEndpoint)) };
  }

  /** Someone else's access token is not found under this user. */
  private async ownedBy(userId: string, id: string): Promise<AccessTokenRecord> {
    const token = await this.oauth1.getAccessToken(id);
    if (token.authorizing_user_id !== userId) throw new NotFound('Could not find access token.');
    return token;
  }
}

function blockDelegated(caller: Caller): void {
  if (isDelegatedCaller(caller)) throw new Forbidden('Cannot manage OAuth access tokens with a token issued via delegation.');
}

function render(t: AccessTokenRecord, base: string): Record<string, unknown> {
  const { access_secret: _secret, role_ids: _roles, ...rest } = t;
  const self = `${base}/v3/users/${t.authorizing_user_id}/OS-OAUTH1/access_tokens/${t.id}`;
  return { ...rest, links: { self, roles: `${self}/roles` } };
}

/** Keystone shows a delegated role without its description and enabled flag. */
function renderRole(r: Record<string, unknown>, base: string): Record<string, unknown> {
  const { description: _d, enabled: _e, ...rest } = r;
  return { ...rest, links: { self: `${base}/v3/roles/${r.id as string}` } };
}
