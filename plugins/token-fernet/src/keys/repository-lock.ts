/**
 * An exclusive lock around setup/rotation, so two processes rotating the same
 * repository at once serialise instead of both renaming '0' (which loses a
 * key). Keystone itself has no such lock; a keystone-manage from Python
 * running concurrently is not covered.
 *
 * The lock is a file created with O_EXCL inside the repository (the only
 * place the rotating user can be assumed to write). Its name is not a number,
 * so neither Keystone nor we take it for a key; it is world-readable because
 * Keystone opens every file in the repository, and an unreadable one would
 * make Keystone fail.
 *
 * Stale locks (holder dead on this host, or older than `staleMs`) are broken
 * under a second O_EXCL "breaker" file, and only if the lock is still the very
 * one judged stale (same inode, mtime and contents), so two breakers cannot
 * remove a lock that a third process has just taken.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@keystone-ts/plugin-sdk';

export const LOCK_FILE_NAME = '.keystone-ts-rotate.lock';

export interface LockOptions {
  /** A lock older than this is stale whatever its holder (default 30 s). */
  staleMs?: number;
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
  logger?: Logger;
}

interface Observed {
  ino: number;
  mtimeMs: number;
  text: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function observe(path: string): Observed | null {
  try {
    const st = statSync(path);
    return { ino: st.ino, mtimeMs: st.mtimeMs, text: readFileSync(path, 'utf8') };
  } catch {
    return null;
  }
}

function holderIsDead(text: string): boolean {
  try {
    const { pid, host } = JSON.parse(text) as { pid?: number; host?: string };
    if (host !== hostname() || typeof pid !== 'number') return false;
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function tryCreate(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    fchmodSync(fd, 0o644); // the umask must not make it unreadable to Keystone
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function breakStale(lockPath: string, seen: Observed, staleMs: number, logger?: Logger): void {
  const breaker = `${lockPath}.break`;
  if (!tryCreate(breaker, String(process.pid))) {
    const b = observe(breaker);
    // A breaker is held for microseconds; an old one belongs to a dead process.
    if (b && Date.now() - b.mtimeMs > Math.min(staleMs, 10_000)) unlinkQuietly(breaker);
    return;
  }
  try {
    const now = observe(lockPath);
    if (now && now.ino === seen.ino && now.mtimeMs === seen.mtimeMs && now.text === seen.text) {
      logger?.warn(`Removing stale key repository lock ${lockPath}: ${seen.text || '(empty)'}`);
      unlinkQuietly(lockPath);
    }
  } finally {
    unlinkQuietly(breaker);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

/** Runs `fn` holding the repository lock; the lock is released even if `fn` throws. */
export async function withRepositoryLock<T>(dir: string, fn: () => T | Promise<T>, opts: LockOptions = {}): Promise<T> {
  const staleMs = opts.staleMs ?? 30_000;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  const lockPath = join(dir, LOCK_FILE_NAME);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), nonce: randomBytes(8).toString('hex'), at: new Date().toISOString() });
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(lockPath, mine)) break;
    const seen = observe(lockPath);
    if (seen && (holderIsDead(seen.text) || Date.now() - seen.mtimeMs > staleMs)) {
      breakStale(lockPath, seen, staleMs, opts.logger);
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for the key repository lock ${lockPath}`);
    await sleep(Math.min(200, 5 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
  }
  try {
    return await fn();
  } finally {
    // Only remove the lock if it is still ours (it could have been judged stale and taken over).
    if (observe(lockPath)?.text === mine) unlinkQuietly(lockPath);
  }
}
