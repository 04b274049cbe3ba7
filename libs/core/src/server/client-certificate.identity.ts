import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance } from 'fastify';

/** The key libs/auth's remoteIdentity() reads (core cannot import auth). */
export const REMOTE_IDENTITY = Symbol.for('keystone-ts.remote-identity');
const PARSED = Symbol('keystone-ts.client-certificate');

export interface ClientCertificateIdentity {
  remoteUser?: string;
  authType: 'x509';
  bind: { x509: { subject: string; issuer: string } };
}

/**
 * The identity of a client certificate that the TLS layer verified against
 * `[eventlet_server_ssl] ca_certs`, or null. Nothing here comes from a
 * header: only a socket whose handshake checked the chain counts.
 * Subject and issuer are RFC 2253 strings ("CN=admin,O=Example"), as
 * mod_ssl's SSL_CLIENT_S_DN / SSL_CLIENT_I_DN give them to Keystone.
 */
export function verifiedClientIdentity(socket: unknown): ClientCertificateIdentity | null {
  const tls = socket as TLSSocket & { [PARSED]?: ClientCertificateIdentity | null };
  if (!tls || !tls.encrypted || tls.authorized !== true) return null;
  // One parse per connection: keep-alive requests reuse it.
  if (tls[PARSED] !== undefined) return tls[PARSED];
  const peer = tls.getPeerCertificate();
  let id: ClientCertificateIdentity | null = null;
  if (peer && peer.raw) {
    const x509 = new X509Certificate(peer.raw);
    const cn = x509.subject.split('\n').find((rdn) => rdn.startsWith('CN='));
    id = {
      ...(cn ? { remoteUser: unescape2253(cn.slice(3)) } : {}),
      authType: 'x509',
      bind: { x509: { subject: rfc2253(x509.subject), issuer: rfc2253(x509.issuer) } },
    };
  }
  tls[PARSED] = id;
  return id;
}

/** Puts the verified certificate's identity on every request of such a connection. */
export function installClientCertificateIdentity(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (req) => {
    const id = verifiedClientIdentity(req.raw.socket);
    if (id) (req as unknown as Record<symbol, unknown>)[REMOTE_IDENTITY] = { ...id, bind: { x509: { ...id.bind.x509 } } };
  });
}

/** REMOTE_USER is the CN's value itself, not its RFC 2253 spelling (`Smith\, J` → `Smith, J`). */
function unescape2253(value: string): string {
  return value.replace(/\\([0-9A-Fa-f]{2}|.)/g, (_m, c: string) => (c.length === 2 ? String.fromCharCode(parseInt(c, 16)) : c));
}

/** Node prints names most-significant first, one RDN a line, values already RFC 2253-escaped. */
function rfc2253(multiline: string): string {
  return multiline.split('\n').filter(Boolean).reverse().join(',');
}
