import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, KeystoneConfig, PUBLIC_ENDPOINT, ProviderApis, baseUrl, buildHints, collection, listLimit, validateBody, type Caller, type RoleRef } from '@keystone-ts/core';
import { Forbidden, ValidationError, isKeystoneError } from '@keystone-ts/plugin-sdk';
import { ApplicationCredentialManager, type ApplicationCredentialView } from '../application-credential.manager';
import { parseExpiresAt, renderExpiresAt } from '../expiry';
import { assertNotDelegated, assertUnrestricted } from './delegation-guards';
import { createApplicationCredentialSchema, type ApplicationCredentialBody } from './application-credential.schemas';

/** /v3/users/{user_id}/application_credentials */
@Controller('v3/users/:user_id/application_credentials')
export class ApplicationCredentialsController {
  constructor(
    private readonly appCreds: ApplicationCredentialManager,
    private readonly apis: ProviderApis,
    private readonly authz: Authorizer,
    private readonly config: KeystoneConfig,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Param('user_id') userId: string, @Query() query: Record<string, string>) {
    const filters = query.name !== undefined ? { name: query.name } : {};
    const caller = await this.authz.enforce(req, 'identity:list_application_credentials', { params: { user_id: userId }, filters });
    assertNotDelegated(caller);
    const hints = buildHints(query, ['name'], listLimit(this.config, 'application_credential'));
    const refs = await this.appCreds.listApplicationCredentials(userId, hints);
    const base = baseUrl(req, this.publicEndpoint);
    return collection('application_credentials', refs.map((c) => render(c, base)), `${base}${req.url}`);
  }

  @Post()
  @HttpCode(201)
  async create(@Req() req: FastifyRequest, @Param('user_id') userId: string) {
    const body = validateBody<{ application_credential: ApplicationCredentialBody }>(createApplicationCredentialSchema, req.body).application_credential;
    const caller = await this.authz.enforce(req, 'identity:create_application_credential', { params: { user_id: userId } });
    assertNotDelegated(caller);
    await assertUnrestricted(caller, (id) => this.appCreds.getApplicationCredential(id));
    if (caller.userId !== userId) throw Forbidden.action('Cannot create an application credential for another user.');
    if (!caller.projectId) throw invalid('a project-scoped token is required');
    const created = await this.appCreds.createApplicationCredential({
      user_id: userId,
      project_id: caller.projectId,
      name: body.name,
      description: body.description ?? null,
      secret: body.secret ?? null,
      expires_at: body.expires_at ? parseExpiresAt(body.expires_at) : null,
      unrestricted: body.unrestricted ?? false,
      roles: await this.rolesFor(body, caller),
      access_rules: body.access_rules?.length ? (body.access_rules as { id?: string; service: string; path: string; method: string }[]) : null,
    });
    return { application_credential: render(created, baseUrl(req, this.publicEndpoint)) };
  }

  @Get(':application_credential_id')
  async get(@Req() req: FastifyRequest, @Param('user_id') userId: string, @Param('application_credential_id') id: string) {
    const caller = await this.authz.enforce(req, 'identity:get_application_credential', { params: { user_id: await this.ownerOr(id, userId) } });
    assertNotDelegated(caller);
    return { application_credential: render(await this.appCreds.getApplicationCredentialView(id), baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':application_credential_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('user_id') userId: string, @Param('application_credential_id') id: string): Promise<void> {
    const caller = await this.authz.enforce(req, 'identity:delete_application_credential', { params: { user_id: await this.ownerOr(id, userId) } });
    assertNotDelegated(caller);
    await assertUnrestricted(caller, (credId) => this.appCreds.getApplicationCredential(credId));
    await this.appCreds.deleteApplicationCredential(id);
  }

  /**
   * Ownership is judged on the credential's real owner, not the user in the
   * path (else naming oneself in the path would reach anyone's credential).
   * An unknown credential keeps the path's user; the 404 comes after policy.
   */
  private async ownerOr(id: string, pathUserId: string): Promise<string> {
    try {
      return (await this.appCreds.getApplicationCredential(id)).user_id;
    } catch (e) {
      if (isKeystoneError(e) && e.code === 404) return pathUserId;
      throw e;
    }
  }

  /** Named roles are global roles; every role must be in the caller's token (no escalation). */
  private async rolesFor(body: ApplicationCredentialBody, caller: Caller): Promise<{ id: string }[]> {
    if (!body.roles?.length) return caller.roleIds.map((id) => ({ id }));
    const roles: { id: string }[] = [];
    for (const r of body.roles) {
      roles.push('id' in r && r.id ? { id: r.id } : { id: (await this.apis.assignment.getRoleByName((r as { name: string }).name, null)).id });
    }
    for (const r of roles) {
      if (!caller.roleIds.includes(r.id)) throw invalid('Cannot create an application credential with unassigned role');
    }
    return roles;
  }
}

function invalid(detail: string): ValidationError {
  return new ValidationError(`Invalid application credential: ${detail}`);
}

/** What Keystone shows of a credential: never its owner, hash or system; the secret only on creation. */
function render(c: ApplicationCredentialView, base: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: c.id,
    name: c.name,
    description: c.description,
    expires_at: renderExpiresAt(c.expires_at),
    project_id: c.project_id,
    roles: c.roles.map(renderRole),
    unrestricted: c.unrestricted,
    links: { self: `${base}/v3/application_credentials/${c.id}` },
  };
  if (c.access_rules) out.access_rules = c.access_rules;
  if (c.secret !== undefined) out.secret = c.secret;
  return out;
}

function renderRole(r: RoleRef): Record<string, unknown> {
  return { id: r.id, name: r.name, domain_id: r.domain_id ?? null, description: r.description ?? null, options: r.options ?? {} };
}
