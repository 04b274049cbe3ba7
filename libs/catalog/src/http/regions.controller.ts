import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Authorizer, PUBLIC_ENDPOINT, baseUrl, buildHints, collection, validateBody } from '@keystone-ts/core';
import { ValidationError } from '@keystone-ts/plugin-sdk';
import { CatalogManager } from '../catalog.manager';
import { renderRegion } from './catalog-render';
import { normalizeKeys, regionCreateSchema, regionUpdateSchema, wrapped } from './catalog.schemas';

const REGION_FILTERS = ['parent_region_id'];

type Body = { region: Record<string, unknown> };

/** /v3/regions. Keystone checks policy before it validates the body here. */
@Controller('v3/regions')
export class RegionsController {
  constructor(
    private readonly catalog: CatalogManager,
    private readonly authz: Authorizer,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  /** Never truncated: Keystone applies no list_limit to regions. */
  @Get()
  async list(@Req() req: FastifyRequest, @Query() query: Record<string, string>) {
    await this.authz.enforce(req, 'identity:list_regions', { filters: pick(query, REGION_FILTERS) });
    const { refs } = await this.catalog.listRegions(buildHints(query, REGION_FILTERS, null));
    const base = baseUrl(req, this.publicEndpoint);
    return collection('regions', refs.map((r) => renderRegion(r, base)), `${base}${req.url}`);
  }

  @Get(':region_id')
  async get(@Req() req: FastifyRequest, @Param('region_id') regionId: string) {
    await this.authz.enforce(req, 'identity:get_region', { params: { region_id: regionId } });
    return { region: renderRegion(await this.catalog.getRegion(regionId), baseUrl(req, this.publicEndpoint)) };
  }

  /** Historical: POST may carry the id; without one a UUID is made. */
  @Post()
  @HttpCode(201)
  async create(@Req() req: FastifyRequest) {
    await this.authz.enforce(req, 'identity:create_region');
    const region = normalizeKeys(validateBody<Body>(wrapped('region', regionCreateSchema), req.body).region);
    if (!region.id) region.id = randomUUID().replace(/-/g, '');
    return { region: renderRegion(await this.catalog.createRegion(region), baseUrl(req, this.publicEndpoint)) };
  }

  @Put(':region_id')
  @HttpCode(201)
  async createWithId(@Req() req: FastifyRequest, @Param('region_id') regionId: string) {
    await this.authz.enforce(req, 'identity:create_region', { params: { region_id: regionId } });
    const region = normalizeKeys(validateBody<Body>(wrapped('region', regionCreateSchema), req.body).region);
    if (!('id' in region)) region.id = regionId;
    else if (region.id !== regionId) throw new ValidationError(`Conflicting region IDs specified: "${regionId}" != "${String(region.id)}"`);
    return { region: renderRegion(await this.catalog.createRegion(region), baseUrl(req, this.publicEndpoint)) };
  }

  @Patch(':region_id')
  async update(@Req() req: FastifyRequest, @Param('region_id') regionId: string) {
    await this.authz.enforce(req, 'identity:update_region', { params: { region_id: regionId } });
    const region = validateBody<Body>(wrapped('region', regionUpdateSchema), req.body).region;
    requireMatchingId(region, regionId);
    return { region: renderRegion(await this.catalog.updateRegion(regionId, region), baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':region_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('region_id') regionId: string): Promise<void> {
    await this.authz.enforce(req, 'identity:delete_region', { params: { region_id: regionId } });
    await this.catalog.deleteRegion(regionId);
  }
}

/** Keystone's `_require_matching_id`: a body id, when given, must be the URL's. */
export function requireMatchingId(ref: Record<string, unknown>, urlId: string): void {
  if (ref.id !== undefined && ref.id !== null && ref.id !== urlId) throw new ValidationError('Cannot change ID');
}

export function pick(query: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([k]) => names.includes(k)));
}
