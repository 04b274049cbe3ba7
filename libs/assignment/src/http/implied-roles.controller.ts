import { Controller, Delete, Get, Head, HttpCode, Inject, Param, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, baseUrl } from '@keystone-ts/core';
import type { RoleRecord } from '@keystone-ts/plugin-sdk';
import { RoleManager } from '../role.manager';
import { roleSummary } from './render';

/** /v3/roles/{prior_role_id}/implies[/{implied_role_id}] and /v3/role_inferences. */
@Controller('v3')
export class ImpliedRolesController {
  constructor(
    private readonly roles: RoleManager,
    private readonly authz: Authorizer,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get('roles/:prior_role_id/implies')
  async list(@Req() req: FastifyRequest, @Param('prior_role_id') priorId: string) {
    const { prior } = await this.enforce(req, 'identity:list_implied_roles', priorId);
    const rules = await this.roles.listImpliedRoles(priorId);
    const implied = await this.rolesInOrder(rules.map((r) => r.implied_role_id));
    const base = baseUrl(req, this.publicEndpoint);
    return {
      role_inference: { prior_role: roleSummary(prior, base), implies: implied.map((r) => roleSummary(r, base)) },
      links: { self: `${base}/v3/roles/${priorId}/implies` },
    };
  }

  /**
   * Keystone answers HEAD with 204 (not GET's 200) and enforces both
   * check_implied_role and get_implied_role; declared before GET so Fastify
   * does not derive HEAD from GET.
   */
  @Head('roles/:prior_role_id/implies/:implied_role_id')
  @HttpCode(204)
  async check(@Req() req: FastifyRequest, @Param('prior_role_id') priorId: string, @Param('implied_role_id') impliedId: string): Promise<void> {
    await this.enforce(req, 'identity:check_implied_role', priorId, impliedId);
    await this.enforce(req, 'identity:get_implied_role', priorId, impliedId);
    await this.roles.getImpliedRole(priorId, impliedId);
  }

  @Get('roles/:prior_role_id/implies/:implied_role_id')
  async get(@Req() req: FastifyRequest, @Param('prior_role_id') priorId: string, @Param('implied_role_id') impliedId: string) {
    const { prior, implied } = await this.enforce(req, 'identity:get_implied_role', priorId, impliedId);
    await this.roles.getImpliedRole(priorId, impliedId);
    return this.render(req, prior, implied!);
  }

  @Put('roles/:prior_role_id/implies/:implied_role_id')
  @HttpCode(201)
  async create(@Req() req: FastifyRequest, @Param('prior_role_id') priorId: string, @Param('implied_role_id') impliedId: string) {
    const { prior, implied } = await this.enforce(req, 'identity:create_implied_role', priorId, impliedId);
    await this.roles.createImpliedRole(priorId, impliedId);
    return this.render(req, prior, implied!);
  }

  @Delete('roles/:prior_role_id/implies/:implied_role_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('prior_role_id') priorId: string, @Param('implied_role_id') impliedId: string): Promise<void> {
    await this.enforce(req, 'identity:delete_implied_role', priorId, impliedId);
    await this.roles.deleteImpliedRole(priorId, impliedId);
  }

  /** Every rule grouped by prior role; unlike the list above, no collection links. */
  @Get('role_inferences')
  async inferences(@Req() req: FastifyRequest) {
    await this.authz.enforce(req, 'identity:list_role_inference_rules');
    const rules = await this.roles.listRoleInferenceRules();
    const byId = new Map((await this.roles.listRolesFromIds(rules.flatMap((r) => [r.prior_role_id, r.implied_role_id]))).map((r) => [r.id, r]));
    const base = baseUrl(req, this.publicEndpoint);
    const grouped = new Map<string, Record<string, unknown>[]>();
    for (const r of rules) {
      const implied = byId.get(r.implied_role_id);
      if (!implied || !byId.has(r.prior_role_id)) continue;
      grouped.set(r.prior_role_id, [...(grouped.get(r.prior_role_id) ?? []), roleSummary(implied, base)]);
    }
    const role_inferences = [...grouped].map(([priorId, implies]) => ({ prior_role: roleSummary(byId.get(priorId)!, base), implies }));
    return { role_inferences };
  }

  /** The policy target holds both roles, read after authentication (404 for either one missing). */
  private async enforce(req: FastifyRequest, action: string, priorId: string, impliedId?: string): Promise<{ prior: RoleRecord; implied?: RoleRecord }> {
    const found: { prior?: RoleRecord; implied?: RoleRecord } = {};
    await this.authz.enforce(req, action, {
      params: impliedId === undefined ? { prior_role_id: priorId } : { prior_role_id: priorId, implied_role_id: impliedId },
      target: async () => {
        found.prior = await this.roles.getRole(priorId);
        if (impliedId !== undefined) found.implied = await this.roles.getRole(impliedId);
        return impliedId === undefined ? { prior_role: found.prior } : { prior_role: found.prior, implied_role: found.implied };
      },
    });
    return { prior: found.prior!, implied: found.implied };
  }

  private render(req: FastifyRequest, prior: RoleRecord, implied: RoleRecord) {
    const base = baseUrl(req, this.publicEndpoint);
    return {
      role_inference: { prior_role: roleSummary(prior, base), implies: roleSummary(implied, base) },
      links: { self: `${base}/v3/roles/${prior.id}/implies/${implied.id}` },
    };
  }

  private async rolesInOrder(ids: string[]): Promise<RoleRecord[]> {
    const byId = new Map((await this.roles.listRolesFromIds(ids)).map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is RoleRecord => r !== undefined);
  }
}
