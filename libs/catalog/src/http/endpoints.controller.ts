import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, KeystoneConfig, PUBLIC_ENDPOINT, baseUrl, buildHints, collection, listLimit, validateBody } from '@keystone-ts/core';
import { isKeystoneError, type EndpointRecord } from '@keystone-ts/plugin-sdk';
import { CatalogManager } from '../catalog.manager';
import { EndpointPolicyManager } from '../endpoint-policy.manager';
import { checkEndpointUrl } from '../url/endpoint-url';
import { renderEndpoint, withSelf } from './catalog-render';
import { endpointCreateSchema, endpointUpdateSchema, normalizeKeys, wrapped } from './catalog.schemas';
import { pick, requireMatchingId } from './regions.controller';

const ENDPOINT_FILTERS = ['interface', 'service_id', 'region_id'];

type Body = { endpoint: Record<string, unknown> };

/** /v3/endpoints, and the endpoint's effective policy (OS-ENDPOINT-POLICY). */
@Controller('v3/endpoints')
export class EndpointsController {
  constructor(
    private readonly catalog: CatalogManager,
    private readonly policies: EndpointPolicyManager,
    private readonly authz: Authorizer,
    private readonly config: KeystoneConfig,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Query() query: Record<string, string>) {
    await this.authz.enforce(req, 'identity:list_endpoints', { filters: pick(query, ENDPOINT_FILTERS) });
    const { refs, truncated } = await this.catalog.listEndpoints(buildHints(query, ENDPOINT_FILTERS, listLimit(this.config, 'catalog')));
    const base = baseUrl(req, this.publicEndpoint);
    return collection('endpoints', refs.map((e) => renderEndpoint(e, base)), `${base}${req.url}`, truncated);
  }

  @Get(':endpoint_id')
  async get(@Req() req: FastifyRequest, @Param('endpoint_id') endpointId: string) {
    const endpoint = await this.enforceOnEndpoint(req, 'identity:get_endpoint', endpointId);
    return { endpoint: renderEndpoint(endpoint, baseUrl(req, this.publicEndpoint)) };
  }

  @Post()
  @HttpCode(201)
  async create(@Req() req: FastifyRequest) {
    await this.authz.enforce(req, 'identity:create_endpoint');
    const body = validateBody<Body>(wrapped('endpoint', endpointCreateSchema), req.body).endpoint;
    checkEndpointUrl(body.url as string);
    const endpoint = await this.legacyRegion(normalizeKeys(body));
    const created = await this.catalog.createEndpoint(endpoint as { interface: string; service_id: string; url: string });
    return { endpoint: renderEndpoint(created, baseUrl(req, this.publicEndpoint)) };
  }

  @Patch(':endpoint_id')
  async update(@Req() req: FastifyRequest, @Param('endpoint_id') endpointId: string) {
    await this.enforceOnEndpoint(req, 'identity:update_endpoint', endpointId);
    const body = validateBody<Body>(wrapped('endpoint', endpointUpdateSchema), req.body).endpoint;
    requireMatchingId(body, endpointId);
    const updated = await this.catalog.updateEndpoint(endpointId, await this.legacyRegion(body));
    return { endpoint: renderEndpoint(updated, baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':endpoint_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('endpoint_id') endpointId: string): Promise<void> {
    await this.enforceOnEndpoint(req, 'identity:delete_endpoint', endpointId);
    await this.catalog.deleteEndpoint(endpointId);
  }

  /** The policy that applies to the endpoint; its link is under /v3/endpoints, as Keystone renders it. */
  @Get(':endpoint_id/OS-ENDPOINT-POLICY/policy')
  async policy(@Req() req: FastifyRequest, @Param('endpoint_id') endpointId: string) {
    await this.authz.enforce(req, 'identity:get_policy_for_endpoint', { params: { endpoint_id: endpointId } });
    await this.catalog.getEndpoint(endpointId);
    const policy = await this.policies.getPolicyForEndpoint(endpointId);
    return { policy: withSelf(policy, `${baseUrl(req, this.publicEndpoint)}/v3/endpoints/${policy.id}`) };
  }

  /**
   * v2-style clients name the region in `region`: it becomes `region_id`,
   * and the region is created when it does not exist yet.
   */
  private async legacyRegion(endpoint: Record<string, unknown>): Promise<Record<string, unknown>> {
    if ((endpoint.region_id ?? null) !== null || (endpoint.region ?? null) === null) return endpoint;
    const { region, ...rest } = endpoint;
    const regionId = region as string;
    try {
      await this.catalog.getRegion(regionId);
    } catch (e) {
      if (!(isKeystoneError(e) && e.code === 404)) throw e;
      await this.catalog.createRegion({ id: regionId });
    }
    return { ...rest, region_id: regionId };
  }

  /** Keystone loads the endpoint as the policy target, so an unknown id is a 404 before the 403. */
  private async enforceOnEndpoint(req: FastifyRequest, action: string, endpointId: string): Promise<EndpointRecord> {
    let endpoint: EndpointRecord | undefined;
    await this.authz.enforce(req, action, {
      params: { endpoint_id: endpointId },
      target: async () => ({ endpoint: (endpoint = await this.catalog.getEndpoint(endpointId)) }),
    });
    return endpoint!;
  }
}
