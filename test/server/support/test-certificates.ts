import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestPki {
  dir: string;
  /** Paths of PEM files. */
  caCert: string;
  serverCert: string;
  serverKey: string;
  /** Signed by the CA; subject CN=admin (a user bootstrap creates). */
  clientCert: string;
  clientKey: string;
  /** Signed by another CA the server does not trust. */
  rogueCert: string;
  rogueKey: string;
  read(path: string): Buffer;
}

function openssl(cwd: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
}

/** A CA and what it signs, made with the openssl CLI (EC P-256 keys: quick to generate). */
function issue(dir: string, name: string, subject: string, ca: string, ext: string): void {
  openssl(dir, 'req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', '2', '-out', `${name}.pem`, '-extfile', `${name}.ext`);
}

function authority(dir: string, name: string, subject: string): void {
  openssl(dir, 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', subject);
}

export function makeTestPki(dir: string): TestPki {
  mkdirSync(dir, { recursive: true });
  authority(dir, 'ca', '/O=keystone-ts tests/CN=Test CA');
  authority(dir, 'rogue-ca', '/O=elsewhere/CN=Rogue CA');
  issue(dir, 'server', '/O=keystone-ts tests/CN=127.0.0.1', 'ca', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  issue(dir, 'client', '/O=keystone-ts tests/OU=clients/CN=admin', 'ca', 'extendedKeyUsage=clientAuth\n');
  issue(dir, 'rogue', '/O=elsewhere/CN=admin', 'rogue-ca', 'extendedKeyUsage=clientAuth\n');
  const p = (f: string) => join(dir, f);
  return {
    dir,
    caCert: p('ca.pem'),
    serverCert: p('server.pem'),
    serverKey: p('server.key'),
    clientCert: p('client.pem'),
    clientKey: p('client.key'),
    rogueCert: p('rogue.pem'),
    rogueKey: p('rogue.key'),
    read: (path) => readFileSync(path),
  };
}
