import type { FastifyRequest } from 'fastify';

/**
 * The URL clients reach this service at, without a trailing slash:
 * `[DEFAULT] public_endpoint` when set, else the request's scheme and Host.
 */
export function baseUrl(request: FastifyRequest, publicEndpoint: string | null): string {
  if (publicEndpoint) return publicEndpoint.replace(/\/+$/, '');
  const host = request.headers.host ?? `${request.hostname}`;
  return `${request.protocol}://${host}`;
}
