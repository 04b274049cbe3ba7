import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJwsKeypair } from '../src/keypair';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = join(__dirname, 'keystone_jws.py');

export const keystoneAvailable =
  existsSync(PYTHON) && existsSync('/usr/lib/python3/dist-packages/keystone/token/providers/jws/core.py') && existsSync('/usr/lib/python3/dist-packages/jwt');

export interface Repositories {
  root: string;
  privateRepository: string;
  publicRepository: string;
}

/** A private and a public repository holding one key pair made by our create_jws_keypair. */
export function makeRepositories(): Repositories {
  const root = mkdtempSync(join(tmpdir(), 'jws-keys-'));
  const privateRepository = join(root, 'private');
  const publicRepository = join(root, 'public');
  mkdirSync(privateRepository);
  mkdirSync(publicRepository);
  createJwsKeypair({ privateKeyPath: join(privateRepository, 'private.pem'), publicKeyPath: join(publicRepository, 'public.pem') });
  return { root, privateRepository, publicRepository };
}

export function runKeystone<T = any>(repos: Partial<Repositories>, ops: Array<Record<string, unknown>>): T[] {
  const doc = { private_repository: repos.privateRepository, public_repository: repos.publicRepository, ops };
  const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(doc), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`keystone oracle failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T[];
}
