/**
 * Concurrent rotations from separate processes must serialise: with N
 * rotations and nothing purged, every key survives. Plus stale-lock handling.
 */
import { spawn } from 'node:child_process';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { rotate, setup } from '../src/key-repository';
import { LOCK_FILE_NAME } from '../src/keys/repository-lock';
import { recordingLogger, tempDir } from './support/fixtures';

const REGISTER = join(__dirname, 'support', 'register-ts.js');
const REPO_MODULE = join(__dirname, '..', 'src', 'key-repository.ts');

const keyNumbers = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /^\d+$/.test(f))
    .map(Number)
    .sort((a, b) => a - b);

/** A separate node process that waits for `startAt`, then rotates once. */
function rotateInChild(dir: string, startAt: number): Promise<number> {
  const script = `
    const { rotate } = require(${JSON.stringify(REPO_MODULE)});
    setTimeout(() => rotate(${JSON.stringify(dir)}, 100).then(
      (r) => { process.stdout.write(String(r.promotedTo)); },
      (e) => { console.error(e); process.exit(1); }), ${startAt} - Date.now());`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REGISTER, '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`child exited ${code}`))));
  });
}

describe('repository lock', () => {
  it('serialises rotations from 8 processes started at the same instant: no key is lost', async () => {
    const t = tempDir();
    await setup(t.path);
    const startAt = Date.now() + 3000; // after every child has compiled and loaded the module
    const promoted = await Promise.all(Array.from({ length: 8 }, () => rotateInChild(t.path, startAt)));
    expect(promoted.sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(keyNumbers(t.path)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(readdirSync(t.path).filter((f) => !/^\d+$/.test(f))).toEqual([]);
    t.cleanup();
  }, 30_000);

  it('breaks the lock of a dead process on this host, with a warning', async () => {
    const t = tempDir();
    await setup(t.path);
    writeFileSync(join(t.path, LOCK_FILE_NAME), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname() }));
    const log = recordingLogger();
    expect((await rotate(t.path, 3, { logger: log }))?.promotedTo).toBe(2);
    expect(log.lines.some(([l, m]) => l === 'warn' && m.startsWith('Removing stale key repository lock'))).toBe(true);
    t.cleanup();
  });

  it('breaks an old lock from another host, and waits (then times out) on a live one', async () => {
    const t = tempDir();
    await setup(t.path);
    const lock = join(t.path, LOCK_FILE_NAME);
    writeFileSync(lock, JSON.stringify({ pid: 1, host: 'elsewhere' }));
    await expect(rotate(t.path, 3, { lock: { timeoutMs: 300, staleMs: 60_000 } })).rejects.toThrow('Timed out');
    const old = (Date.now() - 120_000) / 1000;
    utimesSync(lock, old, old);
    expect((await rotate(t.path, 3, { lock: { timeoutMs: 2000, staleMs: 60_000 } }))?.promotedTo).toBe(2);
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname() }));
    await expect(rotate(t.path, 3, { lock: { timeoutMs: 300 } })).rejects.toThrow('Timed out');
    t.cleanup();
  });
});
