import { Controller, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProviderApis } from '@keystone-ts/core';
import { renderToken } from '@keystone-ts/token';
import { AuthManager } from '../auth.manager';
import { parseAuthRequest } from '../auth-request';
import { remoteIdentity } from '../remote-identity';

/** POST /v3/auth/tokens */
@Controller('v3/auth/tokens')
export class AuthTokensController {
  constructor(
    private readonly auth: AuthManager,
    private readonly apis: ProviderApis,
  ) {}

  @Post()
  async issue(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query() query: Record<string, string>): Promise<void> {
    const request = parseAuthRequest(req.body);
    const token = await this.auth.authenticate(request, { ...remoteIdentity(req), requestHeaders: req.headers });
    const scoped = token.project || token.domain || token.system;
    const catalog = query.nocatalog === undefined && scoped && this.apis.has('catalog') ? await this.apis.catalog.getCatalog(token.user.id, token.project?.id ?? null) : null;
    const sps = this.apis.has('federation') ? await this.apis.federation.getEnabledServiceProviders() : [];
    void reply.status(201).header('X-Subject-Token', token.id).send(renderToken(token, scoped ? (catalog ?? []) : null, sps));
  }
}
