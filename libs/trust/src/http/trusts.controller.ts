import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, KeystoneConfig, ProviderApis, PUBLIC_ENDPOINT, baseUrl, collection, validateBody, type Caller, type RoleRef } from '@keystone-ts/core';
import { Forbidden, NotFound, isKeystoneError, type TrustRecord } from '@keystone-ts/plugin-sdk';
import { TrustManager } from '../trust.manager';
import { parseTrustExpiry } from '../expiry';
import { refuseDelegatedToken } from './delegated-token';
import { renderRole, renderTrust } from './trust-render';
import { trustCreateSchema, type TrustCreateBody } from './trust.schemas';

/** Body attributes that are not stored as given: the rest goes to `extra`, as in Keystone. */
const NOT_EXTRA = new Set([
  'id', 'trustor_user_id', 'trustee_user_id', 'project_id', 'impersonation', 'expires_at', 'remaining_uses',
  'allow_redelegation', 'redelegation_count', 'roles', 'deleted_at', 'redelegated_trust_id',
]);

/** /v3/OS-TRUST/trusts (keystone/api/trusts.py). GET routes also answer HEAD. */
@Controller('v3/OS-TRUST/trusts')
export class TrustsController {
  constructor(
    private readonly trusts: TrustManager,
    private readonly apis: ProviderApis,
    private readonly authz: Authorizer,
    private readonly config: KeystoneConfig,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Req() req: FastifyRequest) {
    const raw = (req.body as { trust?: unknown } | null)?.trust;
    // Keystone enforces against the submitted trust before validating it.
    const caller = await this.authz.enforce(req, 'identity:create_trust', { target: () => ({ trust: isObject(raw) ? raw : {} }) });
    const body = validateBody<{ trust: TrustCreateBody }>(trustCreateSchema, req.body).trust;
    refuseDelegatedToken(caller, this.config);
    const projectId = body.project_id ?? null;
    const requested = body.roles ?? [];
    if (projectId && requested.length === 0) throw Forbidden.action('At least one role should be specified');
    if (caller.userId !== body.trustor_user_id) throw Forbidden.action('The authenticated user should match the trustor');
    await this.apis.identity.getUser(body.trustee_user_id);
    const roles = await this.roleIds(requested);
    await this.requireTrustorRoles(body.trustor_user_id, projectId, roles);
    const expiresAt = body.expires_at === undefined || body.expires_at === null ? null : parseTrustExpiry(body.expires_at);
    const redelegated = await this.redelegatedTrust(caller);
    const extra = Object.fromEntries(Object.entries(body).filter(([k]) => !NOT_EXTRA.has(k)));
    const trust = await this.trusts.createTrust(
      {
        trustor_user_id: body.trustor_user_id,
        trustee_user_id: body.trustee_user_id,
        project_id: projectId,
        impersonation: body.impersonation,
        expires_at: expiresAt,
        remaining_uses: body.remaining_uses ?? null,
        allow_redelegation: body.allow_redelegation ?? false,
        redelegation_count: body.redelegation_count ?? null,
        roles: roles.map((id) => ({ id })),
        extra,
      },
      redelegated,
    );
    const base = baseUrl(req, this.publicEndpoint);
    return { trust: renderTrust(trust, base, await this.fullRoles(trust)) };
  }

  @Get()
  async list(@Req() req: FastifyRequest, @Query() query: Record<string, unknown>) {
    const trustor = first(query.trustor_user_id);
    const trustee = first(query.trustee_user_id);
    let caller: Caller;
    if (trustor) {
      caller = await this.authz.enforce(req, 'identity:list_trusts_for_trustor', { target: () => ({ trust: { trustor_user_id: trustor } }) });
    } else if (trustee) {
      caller = await this.authz.enforce(req, 'identity:list_trusts_for_trustee', { target: () => ({ trust: { trustee_user_id: trustee } }) });
    } else {
      caller = await this.authz.enforce(req, 'identity:list_trusts');
    }
    refuseDelegatedToken(caller, this.config);
    let refs: TrustRecord[] = [];
    // Keystone lists everything only without any query; an unknown filter alone finds nothing.
    if (Object.keys(query).length === 0) refs = await this.trusts.listTrusts({});
    else if (trustor) refs = await this.trusts.listTrusts({ trustorUserId: trustor });
    else if (trustee) refs = await this.trusts.listTrusts({ trusteeUserId: trustee });
    const base = baseUrl(req, this.publicEndpoint);
    return collection('trusts', refs.map((t) => renderTrust(t, base)), `${base}${req.url}`);
  }

  @Get(':trust_id')
  async get(@Req() req: FastifyRequest, @Param('trust_id') trustId: string) {
    const trust = await this.enforceOnTrust(req, 'identity:get_trust', trustId);
    return { trust: renderTrust(trust, baseUrl(req, this.publicEndpoint), await this.fullRoles(trust)) };
  }

  @Delete(':trust_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('trust_id') trustId: string): Promise<void> {
    await this.enforceOnTrust(req, 'identity:delete_trust', trustId);
    await this.trusts.deleteTrust(trustId);
  }

  @Get(':trust_id/roles')
  async listRoles(@Req() req: FastifyRequest, @Param('trust_id') trustId: string) {
    const trust = await this.enforceOnTrust(req, 'identity:list_roles_for_trust', trustId);
    const base = baseUrl(req, this.publicEndpoint);
    const rendered = renderTrust(trust, base, await this.fullRoles(trust));
    return { roles: rendered.roles, links: rendered.roles_links };
  }

  @Get(':trust_id/roles/:role_id')
  async getRole(@Req() req: FastifyRequest, @Param('trust_id') trustId: string, @Param('role_id') roleId: string) {
    const trust = await this.enforceOnTrust(req, 'identity:get_role_for_trust', trustId);
    if (!(trust.roles ?? []).some((r) => r.id === roleId)) throw NotFound.entity('role', roleId);
    return { role: renderRole(await this.apis.assignment.getRole(roleId), baseUrl(req, this.publicEndpoint)) };
  }

  /** Target `trust` (a missing, expired or used-up trust is a 404 before the policy), then the delegated-token check. */
  private async enforceOnTrust(req: FastifyRequest, action: string, trustId: string): Promise<TrustRecord> {
    let trust: TrustRecord | undefined;
    const caller = await this.authz.enforce(req, action, {
      params: { trust_id: trustId },
      target: async () => {
        trust = await this.trusts.getTrust(trustId);
        return { trust };
      },
    });
    refuseDelegatedToken(caller, this.config);
    return trust!;
  }

  /** Roles by id stay as given; by name, a global role with that exact name. */
  private async roleIds(requested: ({ id: string } | { name: string })[]): Promise<string[]> {
    const ids: string[] = [];
    for (const r of requested) {
      if ('id' in r && r.id) {
        ids.push(r.id);
        continue;
      }
      const name = (r as { name: string }).name;
      try {
        ids.push((await this.apis.assignment.getRoleByName(name, null)).id);
      } catch (e) {
        if (isKeystoneError(e) && e.code === 404) throw new NotFound(`Role ${name} is not defined`);
        throw e;
      }
    }
    return ids;
  }

  /** Every delegated role must be one the trustor has on the project (domain-specific roles count). */
  private async requireTrustorRoles(trustorId: string, projectId: string | null, roleIds: string[]): Promise<void> {
    let held = new Set<string>();
    if (projectId) {
      await this.apis.resource.getProject(projectId);
      held = new Set((await this.apis.assignment.getRolesForTrustorOnProject(trustorId, projectId)).map((r) => r.id));
    }
    for (const id of roleIds) if (!held.has(id)) throw NotFound.entity('role', id);
  }

  /** A trust-scoped caller creating a trust redelegates its own trust. */
  private async redelegatedTrust(caller: Caller): Promise<TrustRecord | null> {
    return caller.trustId ? this.trusts.getTrust(caller.trustId) : null;
  }

  /** Keystone shows the roles that still exist, in full. */
  private async fullRoles(trust: TrustRecord): Promise<RoleRef[]> {
    const ids = (trust.roles ?? []).map((r) => r.id);
    const found = new Map((await this.apis.assignment.listRolesFromIds(ids)).map((r) => [r.id, r]));
    return ids.map((id) => found.get(id)).filter((r): r is RoleRef => r !== undefined);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** werkzeug's args.get: the first value of a repeated key. */
function first(v: unknown): string | undefined {
  const x = Array.isArray(v) ? v[0] : v;
  return x === undefined || x === null || x === '' ? undefined : String(x);
}
