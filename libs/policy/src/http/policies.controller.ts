import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, KeystoneConfig, PUBLIC_ENDPOINT, baseUrl, buildHints, collection, listLimit, validateBody } from '@keystone-ts/core';
import type { PolicyBlobRecord } from '@keystone-ts/plugin-sdk';
import { PolicyManager } from '../policy.manager';

const policyProperties = { blob: { type: 'string' }, type: { type: 'string', maxLength: 255 } };
const createSchema = {
  type: 'object',
  properties: { policy: { type: 'object', properties: policyProperties, required: ['blob', 'type'], additionalProperties: true } },
  required: ['policy'],
};
const updateSchema = {
  type: 'object',
  properties: { policy: { type: 'object', properties: policyProperties, minProperties: 1, additionalProperties: true } },
  required: ['policy'],
};

/** /v3/policies */
@Controller('v3/policies')
export class PoliciesController {
  constructor(
    private readonly policies: PolicyManager,
    private readonly authz: Authorizer,
    private readonly config: KeystoneConfig,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Query() query: Record<string, string>) {
    await this.authz.enforce(req, 'identity:list_policies', { filters: query });
    const { refs, truncated } = await this.policies.listPolicies(buildHints(query, ['type'], listLimit(this.config, 'policy')));
    const base = baseUrl(req, this.publicEndpoint);
    return collection('policies', refs.map((p) => render(p, base)), `${base}${req.url}`, truncated);
  }

  @Post()
  @HttpCode(201)
  async create(@Req() req: FastifyRequest) {
    const body = validateBody<{ policy: PolicyBlobRecord }>(createSchema, req.body);
    await this.authz.enforce(req, 'identity:create_policy');
    return { policy: render(await this.policies.createPolicy(body.policy), baseUrl(req, this.publicEndpoint)) };
  }

  @Get(':policy_id')
  async get(@Req() req: FastifyRequest, @Param('policy_id') id: string) {
    await this.authz.enforce(req, 'identity:get_policy', { params: { policy_id: id } });
    return { policy: render(await this.policies.getPolicy(id), baseUrl(req, this.publicEndpoint)) };
  }

  @Patch(':policy_id')
  async update(@Req() req: FastifyRequest, @Param('policy_id') id: string) {
    const body = validateBody<{ policy: Partial<PolicyBlobRecord> }>(updateSchema, req.body);
    await this.authz.enforce(req, 'identity:update_policy', { params: { policy_id: id } });
    return { policy: render(await this.policies.updatePolicy(id, body.policy), baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':policy_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('policy_id') id: string): Promise<void> {
    await this.authz.enforce(req, 'identity:delete_policy', { params: { policy_id: id } });
    await this.policies.deletePolicy(id);
  }
}

function render(p: PolicyBlobRecord, base: string): Record<string, unknown> {
  return { ...p, links: { self: `${base}/v3/policies/${p.id}` } };
}
