/**
 * Runs Keystone 22's own code (test/keystone_interop.py under Debian's
 * python3) on a batch of operations and returns one result per operation.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = join(__dirname, '..', 'keystone_interop.py');

export const keystoneAvailable = existsSync(PYTHON) && existsSync('/usr/lib/python3/dist-packages/keystone/token/token_formatters.py');

export interface OracleDoc {
  key_repository?: string;
  credential_repository?: string;
  methods?: string[];
  default_domain_id?: string;
  ops: Array<Record<string, unknown>>;
}

export function runKeystone<T = unknown>(doc: OracleDoc): T[] {
  const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(doc), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`keystone oracle failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T[];
}
