import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, baseUrl } from '@keystone-ts/core';
import { ValidationError } from '@keystone-ts/plugin-sdk';
import { RevokeManager } from '../revoke/revoke.manager';
import { isoTime } from '../token-model';

/** GET /v3/OS-REVOKE/events */
@Controller('v3/OS-REVOKE/events')
export class RevokeEventsController {
  constructor(
    private readonly revoke: RevokeManager,
    private readonly authz: Authorizer,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Query('since') since?: string) {
    await this.authz.enforce(req, 'identity:list_revoke_events');
    let sinceDate: Date | null = null;
    if (since !== undefined) {
      sinceDate = new Date(since);
      if (Number.isNaN(sinceDate.getTime())) throw new ValidationError('invalid time format');
    }
    const events = (await this.revoke.listEvents(sinceDate)).map((e) => {
      const out: Record<string, unknown> = { issued_before: isoTime(e.issued_before), revoked_at: isoTime(e.revoked_at) };
      for (const k of ['domain_id', 'project_id', 'user_id', 'role_id', 'trust_id', 'consumer_id', 'access_token_id', 'audit_id', 'audit_chain_id'] as const) {
        if (e[k]) out[k] = e[k];
      }
      if (e.expires_at) out.expires_at = isoTime(e.expires_at);
      return out;
    });
    const base = baseUrl(req, this.publicEndpoint);
    return { events, links: { self: `${base}${req.url}`, previous: null, next: null } };
  }
}
