import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { heldCaller } from '../authz/authorizer';
import type { Caller } from '../authz/caller';

/** What an audit initiator says about the request being served (Keystone reads it from flask's request). */
export interface RequestAuditInfo {
  requestId: string;
  /** The peer's address (WSGI's REMOTE_ADDR). */
  remoteAddress?: string;
  userAgent?: string;
  /** The caller its token resolved to, once the request was authorized. */
  caller(): Caller | undefined;
}

const storage = new AsyncLocalStorage<RequestAuditInfo>();

/**
 * Makes the request being handled visible to managers, which have no request
 * parameter, so their notifications can name the initiator. Entered just
 * before the handler (after body parsing, whose stream events would lose it).
 */
export function installRequestAuditContext(app: FastifyInstance): void {
  app.addHook('preHandler', (req, _reply, done) => {
    storage.run(auditInfoOf(req), done);
  });
}

export function auditInfoOf(req: FastifyRequest): RequestAuditInfo {
  const agent = req.headers['user-agent'];
  return {
    requestId: req.id,
    remoteAddress: req.socket?.remoteAddress,
    userAgent: typeof agent === 'string' ? agent : undefined,
    caller: () => heldCaller(req),
  };
}

/** The request being served, or undefined outside one (bootstrap, keystone-manage). */
export function currentRequestAudit(): RequestAuditInfo | undefined {
  return storage.getStore();
}

/** Runs `fn` as if serving `info` (tests, and work handed over from a request). */
export function withRequestAudit<T>(info: RequestAuditInfo, fn: () => T): T {
  return storage.run(info, fn);
}
