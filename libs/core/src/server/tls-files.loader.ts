import { readFileSync } from 'node:fs';
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { ServerOptions as HttpsServerOptions } from 'node:https';
import { ConfigurationError } from '@keystone-ts/plugin-sdk';
import type { KeystoneConfig } from '../config/keystone-config';

const GROUP = 'eventlet_server_ssl';

/** What the HTTPS servers are built from; the paths are kept for messages. */
export interface TlsSettings {
  options: HttpsServerOptions;
  certRequired: boolean;
}

/**
 * Reads and checks `[eventlet_server_ssl]` (or its deprecated `[ssl]` names)
 * before any socket is opened, so a bad file fails the start with one line
 * naming the option instead of failing the first handshake. Returns null
 * when TLS is off.
 */
export function loadTlsSettings(config: KeystoneConfig): TlsSettings | null {
  if (!config.get<boolean>(GROUP, 'enable')) return null;
  const certPath = config.get<string>(GROUP, 'certfile');
  const cert = readPem(config, 'certfile', certPath);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (e) {
    throw fail(config, 'certfile', certPath, `not a PEM certificate (${reason(e)})`);
  }

  // The seed: "If the private key is included in the certfile, the keyfile may be omitted."
  const keyPath = config.get<string>(GROUP, 'keyfile');
  let key: Buffer;
  if (!config.locate(GROUP, 'keyfile') && cert.includes('PRIVATE KEY-----')) {
    key = cert;
  } else {
    key = readPem(config, 'keyfile', keyPath);
  }
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey(key);
  } catch (e) {
    throw fail(config, 'keyfile', keyPath, `not an unencrypted PEM private key (${reason(e)})`);
  }
  if (!x509.checkPrivateKey(keyObject)) {
    throw fail(config, 'keyfile', keyPath, `does not match the certificate in [${GROUP}] certfile = ${certPath}`);
  }

  const certRequired = config.get<boolean>(GROUP, 'cert_required');
  let ca: Buffer | undefined;
  if (certRequired) {
    const caPath = config.get<string>(GROUP, 'ca_certs');
    ca = readPem(config, 'ca_certs', caPath);
    const blocks = ca.toString('utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) throw fail(config, 'ca_certs', caPath, 'holds no PEM certificate');
    for (const b of blocks) {
      try {
        new X509Certificate(b);
      } catch (e) {
        throw fail(config, 'ca_certs', caPath, `holds a certificate that cannot be parsed (${reason(e)})`);
      }
    }
  }

  const options: HttpsServerOptions = { cert, key, ca, requestCert: certRequired, rejectUnauthorized: certRequired };
  try {
    // What the servers will do with these: any remaining OpenSSL complaint surfaces here.
    createSecureContext({ cert, key, ca });
  } catch (e) {
    throw fail(config, 'certfile', certPath, `cannot be used for TLS (${reason(e)})`);
  }
  return { options, certRequired };
}

function readPem(config: KeystoneConfig, option: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw fail(config, option, path, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? reason(e)})`);
  }
}

function fail(config: KeystoneConfig, option: string, path: string, why: string): ConfigurationError {
  const at = config.locate(GROUP, option);
  return new ConfigurationError(`${at ? `${at.file}:${at.line}: ` : ''}[${GROUP}] ${option} = ${path}: ${why}`);
}

function reason(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0];
}
