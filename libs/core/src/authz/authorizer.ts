import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Unauthorized } from '@keystone-ts/plugin-sdk';
import { CALLER_RESOLVER, POLICY_CHECKER, policyCredentials, type Caller, type CallerResolver, type PolicyChecker } from './caller';

const CALLER = Symbol('keystone.caller');

/** The caller this request's token already resolved to, if any (audit notifications name it). */
export function heldCaller(req: FastifyRequest): Caller | undefined {
  return (req as unknown as Record<symbol, Caller | undefined>)[CALLER];
}

export interface EnforceOptions {
  /** Path parameters (Keystone's view_args), available to rules as `%(user_id)s`. */
  params?: Record<string, unknown>;
  /** Builds the target after authentication, so existence is not leaked to anonymous callers. */
  target?: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Query filters passed to the rule under `filter_attr`. */
  filters?: Record<string, unknown>;
}

/**
 * Authentication of the caller and RBAC enforcement, in Keystone's order:
 * token (401) → target (404) → policy (403). The caller is validated once per
 * request and kept on it.
 */
@Injectable()
export class Authorizer {
  constructor(
    @Inject(CALLER_RESOLVER) private readonly callers: CallerResolver,
    @Inject(POLICY_CHECKER) private readonly policy: PolicyChecker,
  ) {}

  async caller(req: FastifyRequest): Promise<Caller> {
    const held = (req as unknown as Record<symbol, Caller | undefined>)[CALLER];
    if (held) return held;
    const tokenId = req.headers['x-auth-token'];
    if (typeof tokenId !== 'string' || tokenId === '') {
      throw new Unauthorized('The request you have made requires authentication.');
    }
    const caller = await this.callers.resolveCaller(tokenId, req);
    (req as unknown as Record<symbol, Caller>)[CALLER] = caller;
    return caller;
  }

  async enforce(req: FastifyRequest, action: string, opts: EnforceOptions = {}): Promise<Caller> {
    const caller = await this.caller(req);
    const dict: Record<string, unknown> = { ...(opts.params ?? {}) };
    if (opts.target) dict.target = await opts.target();
    const body = req.body;
    if (body && typeof body === 'object' && !Array.isArray(body)) dict.request_body = body;
    if (opts.filters && Object.keys(opts.filters).length > 0) dict.filter_attr = opts.filters;
    // The policy engine flattens the target as Keystone's flatten_dict does (and safely: a
    // '__proto__' key in a request body stays a key).
    this.policy.authorize(action, dict, policyCredentials(caller));
    return caller;
  }
}
