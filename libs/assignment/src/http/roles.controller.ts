import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, KeystoneConfig, PUBLIC_ENDPOINT, baseUrl, buildHints, collection, listLimit, validateBody } from '@keystone-ts/core';
import { ValidationError, type NewRole, type RoleRecord } from '@keystone-ts/plugin-sdk';
import { RoleManager } from '../role.manager';
import { roleCreateSchema, roleOf, roleUpdateSchema } from './assignment.schemas';
import { pickFilters, queryValue, renderRole, selfUrl } from './render';

const ROLE_FILTERS = ['name', 'domain_id'];

/**
 * /v3/roles: global and domain-specific roles. Policy names depend on the
 * role's kind (`identity:get_domain_role` for a domain role), so the role is
 * read after authentication and before enforcement, as Keystone does.
 */
@Controller('v3/roles')
export class RolesController {
  constructor(
    private readonly roles: RoleManager,
    private readonly authz: Authorizer,
    private readonly config: KeystoneConfig,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Query() query: Record<string, unknown>) {
    const domainFilter = queryValue(query, 'domain_id');
    await this.authz.enforce(req, domainFilter ? 'identity:list_domain_roles' : 'identity:list_roles', { filters: pickFilters(query, ROLE_FILTERS) });
    const hints = buildHints(query, ROLE_FILTERS, listLimit(this.config, 'role'));
    // Without a domain filter only global roles are listed (Keystone adds domain_id=None).
    if (!domainFilter) hints.addFilter('domain_id', null);
    const { refs, truncated } = await this.roles.listRoles(hints);
    const base = baseUrl(req, this.publicEndpoint);
    return collection('roles', refs.map((r) => renderRole(r, base)), selfUrl(req, base), truncated);
  }

  @Post()
  @HttpCode(201)
  async create(@Req() req: FastifyRequest) {
    const role = roleOf(req.body);
    const domainRole = isObject(role) && Boolean(role.domain_id);
    await this.authz.enforce(req, domainRole ? 'identity:create_domain_role' : 'identity:create_role');
    const valid = validateBody<NewRole>(roleCreateSchema, role);
    assertDomainId(valid);
    // Keystone normalises attribute names ('a:b', 'a-b' → 'a_b') and ignores a client id.
    const { id: _id, ...attrs } = normalise(valid);
    const created = await this.roles.createRole(attrs as NewRole);
    return { role: renderRole(created, baseUrl(req, this.publicEndpoint)) };
  }

  @Get(':role_id')
  async get(@Req() req: FastifyRequest, @Param('role_id') roleId: string) {
    const role = await this.enforceOnRole(req, roleId, 'get');
    return { role: renderRole(role, baseUrl(req, this.publicEndpoint)) };
  }

  @Patch(':role_id')
  async update(@Req() req: FastifyRequest, @Param('role_id') roleId: string) {
    await this.enforceOnRole(req, roleId, 'update');
    const patch = validateBody<Partial<NewRole>>(roleUpdateSchema, roleOf(req.body));
    if (patch.id !== undefined && patch.id !== null && patch.id !== roleId) throw new ValidationError('Cannot change ID');
    assertDomainId(patch);
    const updated = await this.roles.updateRole(roleId, patch);
    return { role: renderRole(updated, baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':role_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('role_id') roleId: string): Promise<void> {
    await this.enforceOnRole(req, roleId, 'delete');
    await this.roles.deleteRole(roleId);
  }

  /** 401 first, then 404 for an unknown role, then the rule for the role's kind. */
  private async enforceOnRole(req: FastifyRequest, roleId: string, verb: 'get' | 'update' | 'delete'): Promise<RoleRecord> {
    await this.authz.caller(req);
    const role = await this.roles.getRole(roleId);
    const action = role.domain_id ? `identity:${verb}_domain_role` : `identity:${verb}_role`;
    await this.authz.enforce(req, action, { params: { role_id: roleId }, target: () => ({ role }) });
    return role;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keystone's schema leaves domain_id open; anything but a string or null would break storage. */
function assertDomainId(role: { domain_id?: unknown }): void {
  if (role.domain_id !== undefined && role.domain_id !== null && typeof role.domain_id !== 'string') {
    throw ValidationError.field('domain_id', `${JSON.stringify(role.domain_id)} is not of type 'string'`);
  }
}

function normalise(role: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(role).map(([k, v]) => [k.replace(/[:-]/g, '_'), v]));
}
