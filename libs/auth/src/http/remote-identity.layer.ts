import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KEYSTONE_RUNTIME, type KeystoneRuntime } from '@keystone-ts/core';
import { remoteIdentity, setRemoteIdentity } from '../remote-identity';
import { proxyIdentity, trustedProxySettings, type TrustedProxySettings } from './trusted-proxy.identity';
import { SpnegoAcceptor, spnegoSettings } from './spnego.acceptor';

const NEGOTIATE = /^Negotiate\s+(\S+)\s*$/i;

/**
 * Keystone's REMOTE_USER / REMOTE_DOMAIN / AUTH_TYPE, which a WSGI container
 * sets in front of Keystone, established here from trusted sources only:
 *
 * 1. the server's own TLS layer (core, before this hook: a verified client
 *    certificate);
 * 2. a trusted front proxy's headers, when the TCP peer is in
 *    `[auth] trusted_proxies` (replaces 1: the certificate is the proxy's);
 * 3. `Authorization: Negotiate`, verified with `[kerberos] keytab`.
 *
 * Headers from any other peer are never read. The `external` and `kerberos`
 * auth methods and token bind checks consume the result.
 */
@Injectable()
export class RemoteIdentityLayer implements OnModuleInit {
  constructor(
    @Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const proxy = trustedProxySettings(this.runtime.config);
    const spnegoConf = spnegoSettings(this.runtime.config);
    const spnego = spnegoConf ? SpnegoAcceptor.load(spnegoConf) : null;
    const fastify = this.adapterHost?.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    // No HTTP server (keystone-manage builds an application context): nothing to hook.
    if (!fastify || (!proxy && !spnego)) return;
    fastify.addHook('onRequest', async (req, reply) => {
      if (proxy && this.fromProxy(req, proxy)) return;
      if (spnego) await this.fromNegotiate(req, reply, spnego);
    });
    if (spnego) {
      // Tell clients (requests-kerberos, curl --negotiate) that Negotiate is accepted here.
      fastify.addHook('onSend', async (req, reply, payload) => {
        if (reply.statusCode === 401 && remoteIdentity(req).authType !== 'Negotiate') {
          const current = reply.getHeader('www-authenticate');
          const values = current === undefined ? [] : Array.isArray(current) ? current.map(String) : [String(current)];
          void reply.header('www-authenticate', [...values, 'Negotiate']);
        }
        return payload;
      });
    }
  }

  private fromProxy(req: FastifyRequest, proxy: TrustedProxySettings): boolean {
    const id = proxyIdentity(req, proxy);
    if (!id) return false;
    setRemoteIdentity(req, id);
    return true;
  }

  private async fromNegotiate(req: FastifyRequest, reply: FastifyReply, spnego: SpnegoAcceptor): Promise<void> {
    const header = req.headers.authorization;
    const m = typeof header === 'string' ? NEGOTIATE.exec(header) : null;
    if (!m) return;
    const accepted = await spnego.accept(m[1]);
    if (!accepted) return;
    // A client certificate verified on the same connection stays available for x509 bind.
    const tls = remoteIdentity(req);
    setRemoteIdentity(req, { ...accepted.identity, ...(tls.bind ? { bind: tls.bind } : {}) });
    if (accepted.response) void reply.header('www-authenticate', `Negotiate ${accepted.response}`);
  }
}
