import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Authorizer, KeystoneConfig, PUBLIC_ENDPOINT, baseUrl, buildHints, collection, listLimit, validateBody } from '@keystone-ts/core';
import type { DomainRef } from '@keystone-ts/core';
import { ResourceManager } from '../resource.manager';
import { assertExplicitDomainId, domainCreateSchema, domainUpdateSchema, memberOf, normalizeKeys } from './resource.schemas';
import { orEmpty, pick, withLinks } from './resource-render';
import { rawBooleanFilters } from './list-hints';

const DOMAIN_FILTERS = ['name', 'enabled'];

/** /v3/domains (Keystone's api/domains.py, without the grant and config routes). */
@Controller('v3/domains')
export class DomainsController {
  constructor(
    private readonly resource: ResourceManager,
    private readonly authz: Authorizer,
    private readonly config: KeystoneConfig,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Query() query: Record<string, unknown>) {
    await this.authz.enforce(req, 'identity:list_domains', { filters: pick(query, DOMAIN_FILTERS) });
    const hints = rawBooleanFilters(buildHints(query, DOMAIN_FILTERS, listLimit(this.config, 'resource')), query);
    const { refs, truncated } = await this.resource.listDomains(hints);
    const base = baseUrl(req, this.publicEndpoint);
    return collection('domains', refs.map((d) => withLinks(d, base, 'domains')), `${base}${req.url}`, truncated);
  }

  @Post()
  @HttpCode(201)
  async create(@Req() req: FastifyRequest) {
    await this.authz.enforce(req, 'identity:create_domain');
    const domain = validateBody<Record<string, unknown> & { name: string }>(domainCreateSchema, memberOf(req.body, 'domain'));
    let id = randomUUID().replace(/-/g, '');
    if (domain.explicit_domain_id !== undefined && domain.explicit_domain_id !== null) {
      assertExplicitDomainId(domain.explicit_domain_id);
      id = domain.explicit_domain_id;
    }
    const ref = normalizeKeys({ ...domain, id }) as DomainRef;
    // Renamed keys ('is-x' → 'is_x') must still satisfy the schema.
    validateBody(domainCreateSchema, ref);
    return { domain: withLinks(await this.resource.createDomain(id, ref), baseUrl(req, this.publicEndpoint), 'domains') };
  }

  @Get(':domain_id')
  async get(@Req() req: FastifyRequest, @Param('domain_id') domainId: string) {
    await this.authz.enforce(req, 'identity:get_domain', {
      params: { domain_id: domainId },
      target: orEmpty(() => this.resource.getDomain(domainId), 'domain'),
    });
    return { domain: withLinks(await this.resource.getDomain(domainId), baseUrl(req, this.publicEndpoint), 'domains') };
  }

  @Patch(':domain_id')
  async update(@Req() req: FastifyRequest, @Param('domain_id') domainId: string) {
    await this.authz.enforce(req, 'identity:update_domain', {
      params: { domain_id: domainId },
      target: async () => ({ domain: await this.resource.getDomain(domainId) }),
    });
    const patch = validateBody<Record<string, unknown>>(domainUpdateSchema, memberOf(req.body, 'domain'));
    return { domain: withLinks(await this.resource.updateDomain(domainId, patch), baseUrl(req, this.publicEndpoint), 'domains') };
  }

  @Delete(':domain_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('domain_id') domainId: string): Promise<void> {
    await this.authz.enforce(req, 'identity:delete_domain', {
      params: { domain_id: domainId },
      target: async () => ({ domain: await this.resource.getDomain(domainId) }),
    });
    await this.resource.deleteDomain(domainId);
  }
}
