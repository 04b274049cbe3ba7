import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, KeystoneConfig, PUBLIC_ENDPOINT, baseUrl, buildHints, collection, listLimit, validateBody } from '@keystone-ts/core';
import { CatalogManager } from '../catalog.manager';
import { renderService } from './catalog-render';
import { normalizeKeys, serviceCreateSchema, serviceUpdateSchema, wrapped } from './catalog.schemas';
import { pick, requireMatchingId } from './regions.controller';

const SERVICE_FILTERS = ['type', 'name'];

type Body = { service: Record<string, unknown> };

/** /v3/services. `name`, `description` and any other attribute are kept as extras. */
@Controller('v3/services')
export class ServicesController {
  constructor(
    private readonly catalog: CatalogManager,
    private readonly authz: Authorizer,
    private readonly config: KeystoneConfig,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Query() query: Record<string, string>) {
    await this.authz.enforce(req, 'identity:list_services', { filters: pick(query, SERVICE_FILTERS) });
    const { refs, truncated } = await this.catalog.listServices(buildHints(query, SERVICE_FILTERS, listLimit(this.config, 'catalog')));
    const base = baseUrl(req, this.publicEndpoint);
    return collection('services', refs.map((s) => renderService(s, base)), `${base}${req.url}`, truncated);
  }

  @Get(':service_id')
  async get(@Req() req: FastifyRequest, @Param('service_id') serviceId: string) {
    await this.authz.enforce(req, 'identity:get_service', { params: { service_id: serviceId } });
    return { service: renderService(await this.catalog.getService(serviceId), baseUrl(req, this.publicEndpoint)) };
  }

  @Post()
  @HttpCode(201)
  async create(@Req() req: FastifyRequest) {
    await this.authz.enforce(req, 'identity:create_service');
    const service = normalizeKeys(validateBody<Body>(wrapped('service', serviceCreateSchema), req.body).service);
    return { service: renderService(await this.catalog.createService(service as { type: string }), baseUrl(req, this.publicEndpoint)) };
  }

  @Patch(':service_id')
  async update(@Req() req: FastifyRequest, @Param('service_id') serviceId: string) {
    await this.authz.enforce(req, 'identity:update_service', { params: { service_id: serviceId } });
    const service = validateBody<Body>(wrapped('service', serviceUpdateSchema), req.body).service;
    requireMatchingId(service, serviceId);
    return { service: renderService(await this.catalog.updateService(serviceId, service), baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':service_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('service_id') serviceId: string): Promise<void> {
    await this.authz.enforce(req, 'identity:delete_service', { params: { service_id: serviceId } });
    await this.catalog.deleteService(serviceId);
  }
}
