import type { FastifyRequest } from 'fastify';

const REMOTE = Symbol.for('keystone-ts.remote-identity');

/**
 * The identity a trusted layer established for this request (TLS client
 * certificate, Kerberos, a trusted proxy). The server sets it on the request
 * object; client-supplied headers never reach here.
 */
export function remoteIdentity(req: FastifyRequest): { remoteUser?: string; remoteDomain?: string; authType?: string; bind?: Record<string, unknown> } {
  return ((req as unknown as Record<symbol, unknown>)[REMOTE] as ReturnType<typeof remoteIdentity>) ?? {};
}

export function setRemoteIdentity(req: FastifyRequest, id: ReturnType<typeof remoteIdentity>): void {
  (req as unknown as Record<symbol, unknown>)[REMOTE] = id;
}
