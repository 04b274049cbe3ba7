import { Controller, Delete, Get, HttpCode, Inject, Param, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, baseUrl, collection } from '@keystone-ts/core';
import { EndpointPolicyManager } from '../endpoint-policy.manager';
import { renderPolicyEndpoint } from './catalog-render';

type Target = { endpointId?: string; serviceId?: string; regionId?: string };

/**
 * OS-ENDPOINT-POLICY under /v3/policies/{policy_id}: associations of a
 * policy with endpoints, services and services in regions. The /v3/policies
 * collection itself belongs to the policy subsystem.
 */
@Controller('v3/policies/:policy_id/OS-ENDPOINT-POLICY')
export class PolicyAssociationsController {
  constructor(
    private readonly policies: EndpointPolicyManager,
    private readonly authz: Authorizer,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get('endpoints')
  async endpoints(@Req() req: FastifyRequest, @Param('policy_id') policyId: string) {
    await this.authz.enforce(req, 'identity:list_endpoints_for_policy', { params: { policy_id: policyId } });
    const base = baseUrl(req, this.publicEndpoint);
    return collection('endpoints', (await this.policies.listEndpointsForPolicy(policyId)).map((e) => renderPolicyEndpoint(e, base)), `${base}${req.url}`);
  }

  @Get('endpoints/:endpoint_id')
  @HttpCode(204)
  checkEndpoint(@Req() req: FastifyRequest, @Param() p: Record<string, string>): Promise<void> {
    return this.run(req, 'check', 'endpoint', p.policy_id, { endpointId: p.endpoint_id }, p);
  }

  @Put('endpoints/:endpoint_id')
  @HttpCode(204)
  createEndpoint(@Req() req: FastifyRequest, @Param() p: Record<string, string>): Promise<void> {
    return this.run(req, 'create', 'endpoint', p.policy_id, { endpointId: p.endpoint_id }, p);
  }

  @Delete('endpoints/:endpoint_id')
  @HttpCode(204)
  deleteEndpoint(@Req() req: FastifyRequest, @Param() p: Record<string, string>): Promise<void> {
    return this.run(req, 'delete', 'endpoint', p.policy_id, { endpointId: p.endpoint_id }, p);
  }

  @Get('services/:service_id')
  @HttpCode(204)
  checkService(@Req() req: FastifyRequest, @Param() p: Record<string, string>): Promise<void> {
    return this.run(req, 'check', 'service', p.policy_id, { serviceId: p.service_id }, p);
  }

  @Put('services/:service_id')
  @HttpCode(204)
  createService(@Req() req: FastifyRequest, @Param() p: Record<string, string>): Promise<void> {
    return this.run(req, 'create', 'service', p.policy_id, { serviceId: p.service_id }, p);
  }

  @Delete('services/:service_id')
  @HttpCode(204)
  deleteService(@Req() req: FastifyRequest, @Param() p: Record<string, string>): Promise<void> {
    return this.run(req, 'delete', 'service', p.policy_id, { serviceId: p.service_id }, p);
  }

  @Get('services/:service_id/regions/:region_id')
  @HttpCode(204)
  checkRegion(@Req() req: FastifyRequest, @Param() p: Record<string, string>): Promise<void> {
    return this.run(req, 'check', 'region_and_service', p.policy_id, { serviceId: p.service_id, regionId: p.region_id }, p);
  }

  @Put('services/:service_id/regions/:region_id')
  @HttpCode(204)
  createRegion(@Req() req: FastifyRequest, @Param() p: Record<string, string>): Promise<void> {
    return this.run(req, 'create', 'region_and_service', p.policy_id, { serviceId: p.service_id, regionId: p.region_id }, p);
  }

  @Delete('services/:service_id/regions/:region_id')
  @HttpCode(204)
  deleteRegion(@Req() req: FastifyRequest, @Param() p: Record<string, string>): Promise<void> {
    return this.run(req, 'delete', 'region_and_service', p.policy_id, { serviceId: p.service_id, regionId: p.region_id }, p);
  }

  /** `identity:<op>_policy_association_for_<kind>`, then the 404 checks, then the change. */
  private async run(req: FastifyRequest, op: 'check' | 'create' | 'delete', kind: string, policyId: string, target: Target, params: Record<string, string>): Promise<void> {
    await this.authz.enforce(req, `identity:${op}_policy_association_for_${kind}`, { params });
    if (op === 'check') await this.policies.checkAssociation(policyId, target);
    else if (op === 'create') await this.policies.createAssociation(policyId, target);
    else await this.policies.deleteAssociation(policyId, target);
  }
}
