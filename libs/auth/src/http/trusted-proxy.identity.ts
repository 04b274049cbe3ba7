import { BlockList, isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { ConfigurationError, type ConfigView } from '@keystone-ts/plugin-sdk';
import type { RemoteIdentity } from '../remote-identity';

export interface TrustedProxySettings {
  proxies: BlockList;
  userHeader: string;
  domainHeader: string;
  authTypeHeader: string;
}

/** `[auth] trusted_proxies` and the header names; null when no proxy is trusted. @throws ConfigurationError */
export function trustedProxySettings(config: ConfigView): TrustedProxySettings | null {
  const entries = config.get<string[] | null>('auth', 'trusted_proxies') ?? [];
  if (entries.length === 0) return null;
  const proxies = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) {
      throw new ConfigurationError(`[auth] trusted_proxies: '${entry}' is not an IP address or CIDR range`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) proxies.addAddress(address, type);
    else proxies.addSubnet(address, Number(prefix), type);
  }
  return {
    proxies,
    userHeader: config.get<string>('auth', 'remote_user_header').toLowerCase(),
    domainHeader: config.get<string>('auth', 'remote_domain_header').toLowerCase(),
    authTypeHeader: config.get<string>('auth', 'remote_auth_type_header').toLowerCase(),
  };
}

/** Whether the TCP peer itself (not any forwarded-for header) is a trusted proxy. */
export function isTrustedPeer(req: FastifyRequest, s: TrustedProxySettings): boolean {
  let peer = req.raw.socket?.remoteAddress;
  if (!peer) return false;
  // A dual-stack listener reports IPv4 clients as ::ffff:a.b.c.d.
  if (peer.startsWith('::ffff:') && isIP(peer.slice(7)) === 4) peer = peer.slice(7);
  const family = isIP(peer);
  return family !== 0 && s.proxies.check(peer, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * REMOTE_USER/REMOTE_DOMAIN/AUTH_TYPE from a trusted proxy's headers, or null
 * (untrusted peer, or no user header). A repeated header is refused rather
 * than guessed at: a proxy sends each once.
 */
export function proxyIdentity(req: FastifyRequest, s: TrustedProxySettings): RemoteIdentity | null {
  if (!isTrustedPeer(req, s)) return null;
  const one = (name: string): string | undefined => {
    const v = req.headers[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const remoteUser = one(s.userHeader);
  if (!remoteUser) return null;
  const remoteDomain = one(s.domainHeader);
  const authType = one(s.authTypeHeader);
  return { remoteUser, ...(remoteDomain ? { remoteDomain } : {}), ...(authType ? { authType } : {}) };
}
