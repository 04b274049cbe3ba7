/**
 * Runs the real Keystone 22 `keystone-manage` (Debian's package) against a
 * throwaway keystone.conf, for tests that compare keystone-ts with Keystone.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const KEYSTONE_MANAGE = '/usr/bin/keystone-manage';

export interface ManageResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Fails loudly when Keystone is not installed: these tests must not pass vacuously. */
export function requireKeystoneManage(): void {
  if (!existsSync(KEYSTONE_MANAGE)) {
    throw new Error(`${KEYSTONE_MANAGE} not found: install Debian's keystone package (Keystone 22) to run this test`);
  }
}

/**
 * A keystone.conf with only [database] connection. Keystone copies the URL
 * into an alembic (configparser) setting unescaped, so it must not contain '%'.
 */
export async function writeKeystoneConf(dir: string, name: string, connection: string): Promise<string> {
  if (connection.includes('%')) throw new Error(`Keystone cannot take a connection URL containing '%': ${connection}`);
  const path = join(dir, `${name}.conf`);
  await writeFile(path, `[database]\nconnection = ${connection}\n`);
  return path;
}

export function keystoneManage(conf: string, args: readonly string[], timeoutMs = 120_000): Promise<ManageResult> {
  return new Promise((resolve, reject) => {
    // Keystone runs on Debian's python; keep another python's settings out of its way.
    const env = { ...process.env };
    for (const k of ['PYTHONPATH', 'PYTHONHOME', 'VIRTUAL_ENV']) delete env[k];
    const child = spawn(KEYSTONE_MANAGE, ['--config-file', conf, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The value a command printed: its last non-log line (Keystone logs INFO lines to stdout). */
export function printedValue(result: ManageResult): string {
  const lines = result.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(l));
  return lines[lines.length - 1] ?? '';
}

/** Throws with Keystone's output when a command failed. */
export function assertSucceeded(what: string, result: ManageResult): void {
  if (result.code !== 0) {
    throw new Error(`${what} exited with ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
  }
}
