import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Test-only bridge to the real Keystone 22 installed from Debian: sends a
 * batch of requests to keystone-password-oracle.py and returns its answers.
 * One interpreter start per batch keeps the differential spec fast.
 */

const PYTHON = '/usr/bin/python3';
const ORACLE = join(__dirname, 'keystone-password-oracle.py');
const KEYSTONE_MODULE = '/usr/lib/python3/dist-packages/keystone/common/password_hashing.py';

/** Keystone option overrides, keyed by the names in keystone.conf. */
export interface KeystoneConf {
  password_hash_algorithm?: 'bcrypt' | 'scrypt' | 'pbkdf2_sha512';
  password_hash_rounds?: number;
  salt_bytesize?: number;
  scrypt_block_size?: number;
  scrypt_parallelism?: number;
  max_password_length?: number;
  strict_password_check?: boolean;
}

export type OracleRequest =
  | { op: 'hash'; conf: KeystoneConf; password: string }
  | { op: 'check'; conf: KeystoneConf; password: string | null; hash: string | null }
  /** Checks the hash made by request number `hash_from` of the same batch. */
  | { op: 'check'; conf: KeystoneConf; password: string | null; hash_from: number }
  | { op: 'passlib'; handler: string; settings?: Record<string, unknown>; password: string };

export type OracleResult = { ok: string | boolean } | { error: string };

/** True when Debian's python and Keystone are installed (else the spec skips). */
export function keystoneOracleAvailable(): boolean {
  return existsSync(PYTHON) && existsSync(KEYSTONE_MODULE);
}

export function askKeystone(requests: OracleRequest[]): Promise<OracleResult[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(PYTHON, [ORACLE], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`keystone oracle failed: ${err.message}\n${stderr}`));
      const results = JSON.parse(stdout) as OracleResult[];
      if (results.length !== requests.length) return reject(new Error('keystone oracle: result count mismatch'));
      resolve(results);
    });
    child.stdin!.end(JSON.stringify(requests));
  });
}

/** The value of a result that must have succeeded. */
export function okValue<T extends string | boolean>(result: OracleResult): T {
  if ('error' in result) throw new Error(`Keystone raised ${result.error}`);
  return result.ok as T;
}
