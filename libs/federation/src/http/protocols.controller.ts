import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, baseUrl, collection, validateBody } from '@keystone-ts/core';
import type { FederationProtocolPatch } from '@keystone-ts/plugin-sdk';
import { FederationManager } from '../federation.manager';
import { protocolCreateSchema, protocolUpdateSchema } from './federation.schemas';
import { renderProtocol } from './federation-links';
import { requestMember } from './request-member';

/** /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols */
@Controller('v3/OS-FEDERATION/identity_providers/:idp_id/protocols')
export class ProtocolsController {
  constructor(
    private readonly federation: FederationManager,
    private readonly authz: Authorizer,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Param('idp_id') idpId: string) {
    await this.authz.enforce(req, 'identity:list_protocols', { params: { idp_id: idpId } });
    const base = baseUrl(req, this.publicEndpoint);
    const protocols = await this.federation.listProtocols(idpId);
    return collection('protocols', protocols.map((p) => renderProtocol(p, base, { withIdp: true })), `${base}${req.url}`);
  }

  @Put(':protocol_id')
  @HttpCode(201)
  async create(@Req() req: FastifyRequest, @Param('idp_id') idpId: string, @Param('protocol_id') protocolId: string) {
    const protocol = validateBody<{ mapping_id: string; remote_id_attribute?: string }>(protocolCreateSchema, requestMember(req.body, 'protocol'));
    await this.authz.enforce(req, 'identity:create_protocol', { params: { idp_id: idpId, protocol_id: protocolId } });
    const created = await this.federation.createProtocol(idpId, protocolId, protocol);
    return { protocol: renderProtocol(created, baseUrl(req, this.publicEndpoint), { withIdp: false }) };
  }

  @Get(':protocol_id')
  async get(@Req() req: FastifyRequest, @Param('idp_id') idpId: string, @Param('protocol_id') protocolId: string) {
    await this.authz.enforce(req, 'identity:get_protocol', { params: { idp_id: idpId, protocol_id: protocolId } });
    return { protocol: renderProtocol(await this.federation.getProtocol(idpId, protocolId), baseUrl(req, this.publicEndpoint), { withIdp: false }) };
  }

  @Patch(':protocol_id')
  async update(@Req() req: FastifyRequest, @Param('idp_id') idpId: string, @Param('protocol_id') protocolId: string) {
    const patch = validateBody<FederationProtocolPatch>(protocolUpdateSchema, requestMember(req.body, 'protocol'));
    await this.authz.enforce(req, 'identity:update_protocol', { params: { idp_id: idpId, protocol_id: protocolId } });
    const updated = await this.federation.updateProtocol(idpId, protocolId, patch);
    return { protocol: renderProtocol(updated, baseUrl(req, this.publicEndpoint), { withIdp: false }) };
  }

  @Delete(':protocol_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('idp_id') idpId: string, @Param('protocol_id') protocolId: string): Promise<void> {
    await this.authz.enforce(req, 'identity:delete_protocol', { params: { idp_id: idpId, protocol_id: protocolId } });
    await this.federation.deleteProtocol(idpId, protocolId);
  }
}
