import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type TLSSocket } from 'node:tls';
import { verifiedClientIdentity, type ClientCertificateIdentity } from '@keystone-ts/core';
import { makeTestPki, type TestPki } from './support/test-certificates';

/** What the TLS layer hands the auth layer: only a certificate the handshake verified. */
describe('verifiedClientIdentity', () => {
  let pki: TestPki;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keystone-ts-pki-'));
    pki = makeTestPki(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** One handshake against a server that asks for a certificate; returns what the server side saw. */
  async function handshake(reject: boolean, client: { cert?: string; key?: string }): Promise<ClientCertificateIdentity | null> {
    const server = createServer({
      cert: pki.read(pki.serverCert),
      key: pki.read(pki.serverKey),
      ca: pki.read(pki.caCert),
      requestCert: true,
      rejectUnauthorized: reject,
    });
    const seen = new Promise<ClientCertificateIdentity | null>((res) => server.once('secureConnection', (s: TLSSocket) => (res(verifiedClientIdentity(s)), s.end())));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const socket = connect({
      host: '127.0.0.1',
      port,
      ca: pki.read(pki.caCert),
      ...(client.cert ? { cert: pki.read(client.cert), key: pki.read(client.key!) } : {}),
    });
    socket.on('error', () => undefined);
    try {
      return await seen;
    } finally {
      socket.destroy();
      await new Promise((r) => server.close(r));
    }
  }

  it('gives the CN as REMOTE_USER and RFC 2253 subject/issuer for a verified certificate', async () => {
    expect(await handshake(true, { cert: pki.clientCert, key: pki.clientKey })).toEqual({
      remoteUser: 'admin',
      authType: 'x509',
      bind: { x509: { subject: 'CN=admin,OU=clients,O=keystone-ts tests', issuer: 'CN=Test CA,O=keystone-ts tests' } },
    });
  });

  it('gives nothing for a certificate the server did not verify, or no certificate', async () => {
    expect(await handshake(false, { cert: pki.rogueCert, key: pki.rogueKey })).toBeNull();
    expect(await handshake(false, {})).toBeNull();
  });

  it('gives nothing on a plain socket', () => {
    expect(verifiedClientIdentity({ encrypted: undefined })).toBeNull();
    expect(verifiedClientIdentity(undefined)).toBeNull();
  });
});
