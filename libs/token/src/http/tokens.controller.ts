import { Controller, Delete, Get, HttpCode, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authorizer, ProviderApis, strictQueryBoolean } from '@keystone-ts/core';
import { NotFound } from '@keystone-ts/plugin-sdk';
import { TokenManager } from '../token.manager';
import { renderToken, type TokenModel } from '../token-model';
import { assertAccessRulesSupported } from '../app-cred-token';

/** GET/HEAD/DELETE /v3/auth/tokens: validation and revocation of X-Subject-Token. */
@Controller('v3/auth/tokens')
export class TokensController {
  constructor(
    private readonly tokens: TokenManager,
    private readonly authz: Authorizer,
    private readonly apis: ProviderApis,
  ) {}

  @Get()
  async validate(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query() query: Record<string, string>): Promise<void> {
    const subject = await this.subject(req, 'identity:validate_token', strictQueryBoolean('allow_expired', query.allow_expired));
    assertAccessRulesSupported(subject.applicationCredential, req.headers['openstack-identity-access-rules']);
    const nocatalog = query.nocatalog !== undefined;
    // Independent cache reads: one round trip's wait, not two.
    const [catalog, sps] = await Promise.all([
      nocatalog ? null : this.catalogFor(subject),
      this.apis.has('federation') ? this.apis.federation.getEnabledServiceProviders() : [],
    ]);
    void reply.header('X-Subject-Token', subject.id).send(renderToken(subject, catalog, sps));
  }

  @Delete()
  @HttpCode(204)
  async revoke(@Req() req: FastifyRequest): Promise<void> {
    const subject = await this.subject(req, 'identity:revoke_token', false);
    await this.tokens.revokeToken(subject);
  }

  private async subject(req: FastifyRequest, action: string, allowExpired: boolean): Promise<TokenModel> {
    await this.authz.caller(req);
    const subjectId = req.headers['x-subject-token'];
    if (typeof subjectId !== 'string' || subjectId === '') {
      throw new NotFound('Could not find token: None.');
    }
    let subject: TokenModel | undefined;
    await this.authz.enforce(req, action, {
      target: async () => {
        subject = await this.tokens.validate(subjectId, { allowExpired });
        return { token: { user_id: subject.user.id, user: { domain: { id: subject.user.domain_id } } } };
      },
    });
    return subject!;
  }

  private async catalogFor(m: TokenModel) {
    if (!m.project && !m.domain && !m.system) return null;
    return this.apis.has('catalog') ? this.apis.catalog.getCatalog(m.user.id, m.project?.id ?? null) : [];
  }
}
