import { Controller, Param, Post, Put, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authorizer, validateBody } from '@keystone-ts/core';
import { Forbidden } from '@keystone-ts/plugin-sdk';
import { OAuth1Manager, type OAuthHttpRequest } from '../oauth1.manager';
import { isDelegatedCaller } from '../delegation';
import { authorizeSchema } from './oauth1.schemas';

/**
 * The OAuth 1.0a dance: request token (consumer-signed), authorization by a
 * user (X-Auth-Token), access token (signed with the verifier). The two
 * signed steps answer form-encoded bodies, as OAuth clients expect.
 */
@Controller('v3/OS-OAUTH1')
export class OAuth1DanceController {
  constructor(
    private readonly oauth1: OAuth1Manager,
    private readonly authz: Authorizer,
  ) {}

  @Post('request_token')
  async requestToken(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const projectId = req.headers['requested-project-id'];
    const token = await this.oauth1.createRequestToken(this.signed(req), Array.isArray(projectId) ? projectId[0] : projectId);
    sendForm(reply, token.id, token.request_secret, token.expires_at);
  }

  @Post('access_token')
  async accessToken(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = await this.oauth1.createAccessToken(this.signed(req));
    sendForm(reply, token.id, token.access_secret, token.expires_at);
  }

  @Put('authorize/:request_token_id')
  async authorize(@Req() req: FastifyRequest, @Param('request_token_id') requestTokenId: string) {
    const body = validateBody<{ roles?: { id?: string; name?: string }[] }>(authorizeSchema, req.body ?? {});
    const caller = await this.authz.enforce(req, 'identity:authorize_request_token', { params: { request_token_id: requestTokenId } });
    // A delegation must not mint an independent, longer-lived one.
    if (isDelegatedCaller(caller)) throw new Forbidden('Cannot authorize a request token with a token issued via delegation.');
    const verifier = await this.oauth1.authorizeRequestToken(requestTokenId, caller.userId, body.roles ?? []);
    return { token: { oauth_verifier: verifier } };
  }

  private signed(req: FastifyRequest): OAuthHttpRequest {
    const q = req.url.indexOf('?');
    return {
      httpMethod: req.method,
      urls: this.oauth1.candidateUrls(req.headers, req.url),
      query: q >= 0 ? req.url.slice(q + 1) : '',
      headers: req.headers,
    };
  }
}

/** Keystone writes these bodies by hand: values are hex ids and an ISO time, never escaped. */
function sendForm(reply: FastifyReply, token: string, secret: string, expiresAt: string | null): void {
  let body = `oauth_token=${token}&oauth_token_secret=${secret}`;
  if (expiresAt) body += `&oauth_expires_at=${expiresAt}`;
  void reply.status(201).header('Content-Type', 'application/x-www-form-urlencoded').send(body);
}
