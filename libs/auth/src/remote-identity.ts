import type { FastifyRequest } from 'fastify';

const REMOTE = Symbol.for('keystone-ts.remote-identity');

/** Keystone's WSGI environ keys REMOTE_USER, REMOTE_DOMAIN, AUTH_TYPE, plus bind data. */
export interface RemoteIdentity {
  remoteUser?: string;
  remoteDomain?: string;
  authType?: string;
  bind?: Record<string, unknown>;
}

/**
 * The identity a trusted layer established for this request (TLS client
 * certificate, SPNEGO with the server's keytab, a trusted proxy). The server
 * sets it on the request object; client-supplied headers never reach here
 * unless the TCP peer is a trusted proxy.
 */
export function remoteIdentity(req: FastifyRequest): RemoteIdentity {
  return ((req as unknown as Record<symbol, unknown>)[REMOTE] as RemoteIdentity | undefined) ?? {};
}

export function setRemoteIdentity(req: FastifyRequest, id: RemoteIdentity): void {
  (req as unknown as Record<symbol, unknown>)[REMOTE] = id;
}
