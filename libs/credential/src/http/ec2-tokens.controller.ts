import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authorizer, ProviderApis } from '@keystone-ts/core';
import { MethodNotAllowed } from '@keystone-ts/plugin-sdk';
import { renderToken } from '@keystone-ts/token';
import { Ec2Authenticator } from '../ec2/ec2-authenticator';

/** /v3/ec2tokens: services (or admins) trade a signed EC2 request for a token. */
@Controller('v3/ec2tokens')
export class Ec2TokensController {
  constructor(
    private readonly ec2: Ec2Authenticator,
    private readonly authz: Authorizer,
    private readonly apis: ProviderApis,
  ) {}

  @Get()
  notAllowed(): never {
    throw new MethodNotAllowed('The method is not allowed for the requested URL.');
  }

  @Post()
  async issue(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.authz.enforce(req, 'identity:ec2tokens_validate');
    const token = await this.ec2.authenticate(req.body);
    const catalog = this.apis.has('catalog') ? await this.apis.catalog.getCatalog(token.user.id, token.project?.id ?? null) : [];
    const sps = this.apis.has('federation') ? await this.apis.federation.getEnabledServiceProviders() : [];
    void reply.status(200).header('X-Subject-Token', token.id).header('Content-Type', 'application/json').send(renderToken(token, catalog, sps));
  }
}
