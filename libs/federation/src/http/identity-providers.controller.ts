import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Put, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, KeystoneConfig, PUBLIC_ENDPOINT, baseUrl, buildHints, collection, listLimit, validateBody } from '@keystone-ts/core';
import type { IdentityProviderPatch } from '@keystone-ts/plugin-sdk';
import { FederationManager, type NewIdentityProvider } from '../federation.manager';
import { identityProviderCreateSchema, identityProviderUpdateSchema } from './federation.schemas';
import { renderIdp } from './federation-links';
import { requestMember } from './request-member';

/** /v3/OS-FEDERATION/identity_providers */
@Controller('v3/OS-FEDERATION/identity_providers')
export class IdentityProvidersController {
  constructor(
    private readonly federation: FederationManager,
    private readonly authz: Authorizer,
    private readonly config: KeystoneConfig,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Query() query: Record<string, string>) {
    await this.authz.enforce(req, 'identity:list_identity_providers', { filters: query });
    const hints = buildHints(query, ['id', 'enabled'], listLimit(this.config, 'federation'));
    const { refs, truncated } = await this.federation.listIdps(hints);
    const base = baseUrl(req, this.publicEndpoint);
    return collection('identity_providers', refs.map((i) => renderIdp(i, base)), `${base}${req.url}`, truncated);
  }

  @Put(':idp_id')
  @HttpCode(201)
  async create(@Req() req: FastifyRequest, @Param('idp_id') idpId: string) {
    const idp = validateBody<NewIdentityProvider>(identityProviderCreateSchema, requestMember(req.body, 'identity_provider'));
    await this.authz.enforce(req, 'identity:create_identity_provider', { params: { idp_id: idpId } });
    return { identity_provider: renderIdp(await this.federation.createIdp(idpId, idp), baseUrl(req, this.publicEndpoint)) };
  }

  @Get(':idp_id')
  async get(@Req() req: FastifyRequest, @Param('idp_id') idpId: string) {
    await this.authz.enforce(req, 'identity:get_identity_provider', { params: { idp_id: idpId } });
    return { identity_provider: renderIdp(await this.federation.getIdp(idpId), baseUrl(req, this.publicEndpoint)) };
  }

  @Patch(':idp_id')
  async update(@Req() req: FastifyRequest, @Param('idp_id') idpId: string) {
    const patch = validateBody<IdentityProviderPatch>(identityProviderUpdateSchema, requestMember(req.body, 'identity_provider'));
    await this.authz.enforce(req, 'identity:update_identity_provider', { params: { idp_id: idpId } });
    return { identity_provider: renderIdp(await this.federation.updateIdp(idpId, patch), baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':idp_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('idp_id') idpId: string): Promise<void> {
    await this.authz.enforce(req, 'identity:delete_identity_provider', { params: { idp_id: idpId } });
    await this.federation.deleteIdp(idpId);
  }
}
