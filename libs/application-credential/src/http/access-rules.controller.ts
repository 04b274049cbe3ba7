import { Controller, Delete, Get, HttpCode, Inject, Param, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, KeystoneConfig, PUBLIC_ENDPOINT, ProviderApis, baseUrl, buildHints, collection, listLimit } from '@keystone-ts/core';
import { DriverHints, NotFound, isKeystoneError, type AccessRuleRecord } from '@keystone-ts/plugin-sdk';
import { ApplicationCredentialManager } from '../application-credential.manager';
import { assertNotDelegated } from './delegation-guards';

const FILTERS = ['service', 'path', 'method'];

/** /v3/users/{user_id}/access_rules */
@Controller('v3/users/:user_id/access_rules')
export class AccessRulesController {
  constructor(
    private readonly appCreds: ApplicationCredentialManager,
    private readonly apis: ProviderApis,
    private readonly authz: Authorizer,
    private readonly config: KeystoneConfig,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Param('user_id') userId: string, @Query() query: Record<string, string>) {
    const filters = Object.fromEntries(FILTERS.filter((f) => query[f] !== undefined).map((f) => [f, query[f]]));
    const caller = await this.authz.enforce(req, 'identity:list_access_rules', { params: { user_id: userId }, filters, target: () => this.userTarget(userId) });
    assertNotDelegated(caller);
    const refs = await this.appCreds.listAccessRules(userId, buildHints(query, FILTERS, listLimit(this.config, 'application_credential')));
    const base = baseUrl(req, this.publicEndpoint);
    return collection('access_rules', refs.map((r) => render(r, base)), `${base}${req.url}`);
  }

  @Get(':access_rule_id')
  async get(@Req() req: FastifyRequest, @Param('user_id') userId: string, @Param('access_rule_id') id: string) {
    const caller = await this.authz.enforce(req, 'identity:get_access_rule', { params: { user_id: userId }, target: () => this.userTarget(userId) });
    assertNotDelegated(caller);
    return { access_rule: render(await this.ownRule(userId, id), baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':access_rule_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('user_id') userId: string, @Param('access_rule_id') id: string): Promise<void> {
    const caller = await this.authz.enforce(req, 'identity:delete_access_rule', { params: { user_id: userId }, target: () => this.userTarget(userId) });
    assertNotDelegated(caller);
    await this.ownRule(userId, id);
    await this.appCreds.deleteAccessRule(id);
  }

  /**
   * Policy only compares the path's user with the caller, so a rule is
   * served only under its own user's path (one query: the user's rules).
   */
  private async ownRule(userId: string, id: string): Promise<AccessRuleRecord> {
    const rule = (await this.appCreds.listAccessRules(userId, new DriverHints())).find((r) => r.id === id);
    if (!rule) throw NotFound.entity('Access Rule', id);
    return rule;
  }

  /** Keystone's target: the path's user when it exists (its absence is not revealed here). */
  private async userTarget(userId: string): Promise<Record<string, unknown>> {
    try {
      return { user: await this.apis.identity.getUser(userId) };
    } catch (e) {
      if (isKeystoneError(e) && e.code === 404) return {};
      throw e;
    }
  }
}

function render(r: AccessRuleRecord, base: string): Record<string, unknown> {
  return { id: r.id, service: r.service, path: r.path, method: r.method, links: { self: `${base}/v3/access_rules/${r.id}` } };
}
