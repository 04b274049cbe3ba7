import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, baseUrl, collection } from '@keystone-ts/core';
import { FederationManager } from '../federation.manager';
import { validateMappingStructure } from '../mapping/mapping.schema';
import { renderMapping } from './federation-links';
import { requestMember } from './request-member';

/** /v3/OS-FEDERATION/mappings */
@Controller('v3/OS-FEDERATION/mappings')
export class MappingsController {
  constructor(
    private readonly federation: FederationManager,
    private readonly authz: Authorizer,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest) {
    await this.authz.enforce(req, 'identity:list_mappings');
    const base = baseUrl(req, this.publicEndpoint);
    return collection('mappings', (await this.federation.listMappings()).map((m) => renderMapping(m, base)), `${base}${req.url}`);
  }

  @Put(':mapping_id')
  @HttpCode(201)
  async create(@Req() req: FastifyRequest, @Param('mapping_id') mappingId: string) {
    const { rules } = validateMappingStructure(requestMember(req.body, 'mapping'));
    await this.authz.enforce(req, 'identity:create_mapping', { params: { mapping_id: mappingId } });
    return { mapping: renderMapping(await this.federation.createMapping(mappingId, rules), baseUrl(req, this.publicEndpoint)) };
  }

  @Get(':mapping_id')
  async get(@Req() req: FastifyRequest, @Param('mapping_id') mappingId: string) {
    await this.authz.enforce(req, 'identity:get_mapping', { params: { mapping_id: mappingId } });
    return { mapping: renderMapping(await this.federation.getMapping(mappingId), baseUrl(req, this.publicEndpoint)) };
  }

  /** A whole new rule set, validated as on create. */
  @Patch(':mapping_id')
  async update(@Req() req: FastifyRequest, @Param('mapping_id') mappingId: string) {
    const { rules } = validateMappingStructure(requestMember(req.body, 'mapping'));
    await this.authz.enforce(req, 'identity:update_mapping', { params: { mapping_id: mappingId } });
    return { mapping: renderMapping(await this.federation.updateMapping(mappingId, rules), baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':mapping_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('mapping_id') mappingId: string): Promise<void> {
    await this.authz.enforce(req, 'identity:delete_mapping', { params: { mapping_id: mappingId } });
    await this.federation.deleteMapping(mappingId);
  }
}
