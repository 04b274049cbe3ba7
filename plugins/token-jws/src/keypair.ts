/**
 * `keystone-manage create_jws_keypair`: an ECDSA P-256 key pair in the PEM
 * forms Keystone writes (PKCS#8 private key, SubjectPublicKeyInfo public key).
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';

export class KeyFileExists extends Error {}

export interface KeypairPaths {
  privateKeyPath: string;
  publicKeyPath: string;
}

/** @throws KeyFileExists (with Keystone's message) unless `force` */
export function createJwsKeypair(paths: KeypairPaths, force = false): void {
  if (!force) {
    if (isFile(paths.privateKeyPath)) throw new KeyFileExists(`Private key ${paths.privateKeyPath} already exists`);
    if (isFile(paths.publicKeyPath)) throw new KeyFileExists(`Public key ${paths.publicKeyPath} already exists`);
  }
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  // The private key is readable by its owner only: it signs every token.
  writeFileSync(paths.privateKeyPath, privateKey, { mode: 0o600 });
  writeFileSync(paths.publicKeyPath, publicKey, { mode: 0o644 });
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
