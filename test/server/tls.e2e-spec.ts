import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ADMIN_PASSWORD, prepareKeystoneDir, startKeystone, type KeystoneDir, type KeystoneProcess } from './support/keystone-process';
import { passwordAuth } from './support/fresh-connection.client';
import { makeTestPki, type TestPki } from './support/test-certificates';

interface CurlResult {
  exit: number;
  status: number;
  body: string;
  stderr: string;
}

/** curl as a client would run it; exit is curl's code (0, or 35/56/60... for TLS failures), status 0 when no HTTP answer came. */
function curl(...args: string[]): Promise<CurlResult> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', '--max-time', '10', '-w', '\n%{http_code}', ...args], { timeout: 15_000 }, (err, stdout, stderr) => {
      const at = stdout.lastIndexOf('\n');
      resolve({
        exit: err ? Number((err as { code?: unknown }).code ?? 1) : 0,
        status: Number(stdout.slice(at + 1)) || 0,
        body: stdout.slice(0, at),
        stderr,
      });
    });
  });
}

const json = (body: unknown) => ['-H', 'content-type: application/json', '--data', JSON.stringify(body)];
const external = { auth: { identity: { methods: ['external'], external: {} } } };

describe('keystone-all over TLS', () => {
  let ks: KeystoneDir;
  let pki: TestPki;
  let server: KeystoneProcess | undefined;
  let pub: string;
  let adm: string;

  beforeAll(async () => {
    ks = await prepareKeystoneDir();
    pki = makeTestPki(join(ks.dir, 'pki'));
    pub = `https://127.0.0.1:${ks.publicPort}`;
    adm = `https://127.0.0.1:${ks.adminPort}`;
  }, 120_000);

  afterEach(async () => {
    await server?.kill();
    server = undefined;
  });
  afterAll(async () => {
    await ks?.cleanup();
  });

  async function start(extra: string): Promise<KeystoneProcess> {
    server = startKeystone(ks.writeConfig(extra));
    await server.waitForLine(/keystone-ts listening on https:/, 60_000);
    return server;
  }

  it('serves HTTPS on both ports with 2 workers; a header cannot claim an identity', async () => {
    const s = await start(
      ['[eventlet_server]', 'public_workers = 2', '[eventlet_server_ssl]', 'enable = true', `certfile = ${pki.serverCert}`, `keyfile = ${pki.serverKey}`].join('\n'),
    );
    const v3 = await curl('--cacert', pki.caCert, `${pub}/v3`);
    expect([v3.exit, v3.status]).toEqual([0, 200]);
    expect(JSON.parse(v3.body).version.id).toBe('v3.14');
    expect((await curl('--cacert', pki.caCert, `${adm}/v3`)).status).toBe(200);

    const untrusted = await curl(`${pub}/v3`);
    expect(untrusted.exit).toBe(60); // the server's certificate is checked by the client
    const plain = await curl(`http://127.0.0.1:${ks.publicPort}/v3`);
    expect(plain.status === 0 || plain.status === 400).toBe(true);

    const token = await curl('--cacert', pki.caCert, ...json(passwordAuth('admin', ADMIN_PASSWORD, 'admin')), `${pub}/v3/auth/tokens`);
    expect(token.status).toBe(201);
    // REMOTE_USER only comes from a verified certificate, never from the request.
    const spoof = await curl('--cacert', pki.caCert, '-H', 'REMOTE_USER: admin', '-H', 'X-Remote-User: admin', ...json(external), `${pub}/v3/auth/tokens`);
    expect(spoof.status).toBe(401);

    process.kill(s.child.pid!, 'SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('requires a client certificate signed by ca_certs ([ssl] names, single process) and maps it to REMOTE_USER', async () => {
    await start(
      ['[eventlet_server]', 'public_workers = 1', '[ssl]', 'enable = true', `certfile = ${pki.serverCert}`, `keyfile = ${pki.serverKey}`, `ca_certs = ${pki.caCert}`, 'cert_required = true'].join('\n'),
    );
    const withCert = ['--cacert', pki.caCert, '--cert', pki.clientCert, '--key', pki.clientKey];
    expect((await curl(...withCert, `${pub}/v3`)).status).toBe(200);
    expect((await curl(...withCert, `${adm}/v3`)).status).toBe(200);

    // Refused during the TLS handshake: no HTTP status at all.
    const none = await curl('--cacert', pki.caCert, `${pub}/v3`);
    expect(none.exit).not.toBe(0);
    expect(none.status).toBe(0);
    const rogue = await curl('--cacert', pki.caCert, '--cert', pki.rogueCert, '--key', pki.rogueKey, `${pub}/v3`);
    expect(rogue.exit).not.toBe(0);
    expect(rogue.status).toBe(0);

    // The `external` method authenticates the certificate's CN as a user of the default domain.
    const issued = await curl(...withCert, ...json(external), `${pub}/v3/auth/tokens`);
    expect(issued.status).toBe(201);
    const token = JSON.parse(issued.body).token;
    expect(token.methods).toEqual(['external']);
    expect(token.user.name).toBe('admin');
  }, 90_000);

  it.each([
    ['an unreadable certfile', (p: TestPki) => [`certfile = ${p.dir}/missing.pem`, `keyfile = ${p.serverKey}`], /\[eventlet_server_ssl\] certfile = \/.*missing\.pem: cannot read the file \(ENOENT\)$/],
    ['a key that does not match the certificate', (p: TestPki) => [`certfile = ${p.serverCert}`, `keyfile = ${p.clientKey}`], /\[eventlet_server_ssl\] keyfile = \/.*client\.key: does not match the certificate/],
    ['a key file that holds no key', (p: TestPki) => [`certfile = ${p.serverCert}`, `keyfile = ${p.caCert}`], /\[eventlet_server_ssl\] keyfile = \/.*ca\.pem: not an unencrypted PEM private key/],
    ['cert_required without ca_certs', (p: TestPki) => [`certfile = ${p.serverCert}`, `keyfile = ${p.serverKey}`, `ca_certs = ${p.dir}/none.pem`, 'cert_required = true'], /\[eventlet_server_ssl\] ca_certs = \/.*none\.pem: cannot read the file/],
  ])('fails the start on %s, naming the option (before any worker forks)', async (_what, lines, message) => {
    server = startKeystone(ks.writeConfig(['[eventlet_server]', 'public_workers = 2', '[eventlet_server_ssl]', 'enable = true', ...lines(pki)].join('\n')), 'error');
    expect(await server.exited).toEqual({ code: 1, signal: null });
    const out = server.lines.filter((l) => l.trim());
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^keystone-all: \/.*keystone\.conf:\d+: /);
    expect(out[0]).toMatch(message);
  }, 30_000);
});
