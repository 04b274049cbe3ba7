import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { REMOTE_IDENTITY, type Caller, type CallerResolver } from '@keystone-ts/core';
import { Unauthorized, isKeystoneError } from '@keystone-ts/plugin-sdk';
import { TokenManager } from './token.manager';
import { isoTime, renderToken } from './token-model';
import type { RequestIdentity } from './token-bind';

/** Turns the caller's X-Auth-Token into policy credentials; any invalid token is a 401. */
@Injectable()
export class TokenCallerResolver implements CallerResolver {
  constructor(private readonly tokens: TokenManager) {}

  async resolveCaller(tokenId: string, request?: FastifyRequest): Promise<Caller> {
    let m;
    try {
      m = await this.tokens.validate(tokenId);
    } catch (e) {
      if (isKeystoneError(e) && (e.code === 404 || e.code === 401)) {
        throw new Unauthorized('The request you have made requires authentication.');
      }
      throw e;
    }
    // Every use of a token as the caller's credential honours its bind; without the request
    // (no external authentication known) a bound token fails, as it should.
    this.tokens.enforceBind(m, requestIdentity(request));
    return {
      tokenId,
      userId: m.user.id,
      userDomainId: m.user.domain_id,
      projectId: m.project?.id ?? null,
      projectDomainId: m.project?.domain_id ?? null,
      domainId: m.domain?.id ?? null,
      systemScope: m.system ? 'all' : null,
      roles: m.roles.map((r) => r.name.toLowerCase()),
      roleIds: m.roles.map((r) => r.id),
      // keystonemiddleware's default when no admin project is configured is true; domain tokens never are.
      isAdminProject: m.domain ? false : (m.isAdminProject ?? true),
      methods: m.payload.methods,
      auditIds: m.payload.auditIds,
      expiresAt: isoTime(m.expiresAt),
      trustId: m.payload.trustId ?? null,
      appCredId: m.payload.appCredId ?? null,
      tokenBody: renderToken(m, null).token,
    };
  }
}

/** What a trusted layer (TLS client certificate, trusted proxy, SPNEGO) established for the request. */
export function requestIdentity(request: FastifyRequest | undefined): RequestIdentity {
  return ((request as unknown as Record<symbol, RequestIdentity | undefined> | undefined)?.[REMOTE_IDENTITY] ?? {}) as RequestIdentity;
}
