import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Put, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, KeystoneConfig, PUBLIC_ENDPOINT, baseUrl, buildHints, collection, listLimit, validateBody } from '@keystone-ts/core';
import type { ServiceProviderPatch } from '@keystone-ts/plugin-sdk';
import { FederationManager, type NewServiceProvider } from '../federation.manager';
import { serviceProviderCreateSchema, serviceProviderUpdateSchema } from './federation.schemas';
import { renderSp } from './federation-links';
import { requestMember } from './request-member';

/** /v3/OS-FEDERATION/service_providers */
@Controller('v3/OS-FEDERATION/service_providers')
export class ServiceProvidersController {
  constructor(
    private readonly federation: FederationManager,
    private readonly authz: Authorizer,
    private readonly config: KeystoneConfig,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Query() query: Record<string, string>) {
    await this.authz.enforce(req, 'identity:list_service_providers', { filters: query });
    const hints = buildHints(query, ['id', 'enabled'], listLimit(this.config, 'federation'));
    const { refs, truncated } = await this.federation.listSps(hints);
    const base = baseUrl(req, this.publicEndpoint);
    return collection('service_providers', refs.map((sp) => renderSp(sp, base)), `${base}${req.url}`, truncated);
  }

  @Put(':sp_id')
  @HttpCode(201)
  async create(@Req() req: FastifyRequest, @Param('sp_id') spId: string) {
    const sp = validateBody<NewServiceProvider>(serviceProviderCreateSchema, requestMember(req.body, 'service_provider'));
    await this.authz.enforce(req, 'identity:create_service_provider', { params: { sp_id: spId } });
    return { service_provider: renderSp(await this.federation.createSp(spId, sp), baseUrl(req, this.publicEndpoint)) };
  }

  @Get(':sp_id')
  async get(@Req() req: FastifyRequest, @Param('sp_id') spId: string) {
    await this.authz.enforce(req, 'identity:get_service_provider', { params: { sp_id: spId } });
    return { service_provider: renderSp(await this.federation.getSp(spId), baseUrl(req, this.publicEndpoint)) };
  }

  @Patch(':sp_id')
  async update(@Req() req: FastifyRequest, @Param('sp_id') spId: string) {
    const patch = validateBody<ServiceProviderPatch>(serviceProviderUpdateSchema, requestMember(req.body, 'service_provider'));
    await this.authz.enforce(req, 'identity:update_service_provider', { params: { sp_id: spId } });
    return { service_provider: renderSp(await this.federation.updateSp(spId, patch), baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':sp_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('sp_id') spId: string): Promise<void> {
    await this.authz.enforce(req, 'identity:delete_service_provider', { params: { sp_id: spId } });
    await this.federation.deleteSp(spId);
  }
}
