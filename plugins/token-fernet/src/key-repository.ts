/**
 * A Fernet key repository, with Keystone's layout and rotation semantics
 * (keystone-manage fernet_setup / fernet_rotate):
 *
 * - files named 0..N, each one urlsafe-base64 key; 0 is the staged key, the
 *   highest number the primary, the others secondary;
 * - setup creates the directory (0700), then a key and one rotation, giving
 *   0 (staged) and 1 (primary); a repository that has a 0 is left alone;
 * - rotate promotes 0 to max+1, writes a new 0, and deletes the lowest keys
 *   until max_active_keys remain (the new staged key included);
 * - keys are written as 0.tmp (0600, chowned) then renamed, so a reader never
 *   sees a half-written key; we also fsync, which Keystone does not.
 */
import { accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@keystone-ts/plugin-sdk';
import { FernetKey } from './fernet/fernet-token';
import { readKeyFiles, sortedKeyFiles } from './keys/key-files';
import { withRepositoryLock } from './keys/repository-lock';
import type { LockOptions } from './keys/repository-lock';
import { ownershipToApply, resolveOwner } from './keys/unix-owner';
import type { KeyOwnerOptions, ResolvedOwner } from './keys/unix-owner';

export interface RepositoryOptions extends KeyOwnerOptions {
  logger?: Logger;
  /** The option group, for messages ('fernet_tokens', 'credential'). */
  configGroup?: string;
  lock?: LockOptions;
}

export interface RotationResult {
  /** The key number 0 was promoted to. */
  promotedTo: number;
  purged: string[];
}

export class FernetKeyRepository {
  constructor(
    readonly dir: string,
    readonly maxActiveKeys: number,
    private readonly opts: { logger?: Logger; configGroup?: string } = {},
  ) {}

  /** `validate_key_repository`: access check, and a warning (not a failure) if world-readable. */
  validate(requiresWrite = false): boolean {
    try {
      accessSync(this.dir, constants.R_OK | constants.X_OK | (requiresWrite ? constants.W_OK : 0));
    } catch {
      this.opts.logger?.error(
        `Either [${this.opts.configGroup ?? 'fernet_tokens'}] key_repository does not exist or Keystone does not have sufficient permission to access it: ${this.dir}`,
      );
      return false;
    }
    if (statSync(this.dir).mode & 0o005) this.opts.logger?.warn(`key_repository is world readable: ${this.dir}`);
    return true;
  }

  /** `load_keys`: key texts, primary first; empty when the repository is unusable. */
  loadKeyTexts(): string[] {
    if (!this.validate()) return [];
    return sortedKeyFiles(readKeyFiles(this.dir, this.opts.logger)).map((k) => k.text);
  }

  loadKeys(): FernetKey[] {
    return this.loadKeyTexts().map((t) => FernetKey.parse(t));
  }

  /** `create_key_directory`: only when missing; chowned when both ids are given. */
  createDirectory(owner: ResolvedOwner): void {
    try {
      statSync(this.dir);
      return;
    } catch {
      this.opts.logger?.info(`${this.dir} does not appear to exist; attempting to create it`);
    }
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    } catch {
      this.opts.logger?.error(`Failed to create ${this.dir}: either it already exists or you don't have sufficient permission to create it`);
    }
    const own = ownershipToApply(owner);
    if (typeof own === 'object') {
      // chown is not atomic with mkdir; the 0700 mode keeps others out meanwhile.
      try {
        fchownOrChown(this.dir, own.uid, own.gid);
      } catch (e) {
        this.opts.logger?.error(`Failed to change the ownership of ${this.dir}: ${(e as Error).message}`);
      }
    } else if (own === 'partial') {
      this.opts.logger?.warn(
        `Unable to change the ownership of key repository without a keystone user ID and keystone group ID both being provided: ${this.dir}`,
      );
    }
  }

  /** Writes a fresh key as 0.tmp, mode 0600, owned by the keystone user and group. */
  private writeTmpKey(owner: ResolvedOwner): string {
    const tmp = join(this.dir, '0.tmp');
    const fd = openSync(tmp, 'w', 0o600);
    let ok = false;
    try {
      fchmodSync(fd, 0o600); // an existing 0.tmp keeps its old mode otherwise
      const own = ownershipToApply(owner);
      if (typeof own === 'object') fchownSync(fd, own.uid, own.gid);
      else if (own === 'partial') {
        this.opts.logger?.warn(
          `Unable to change the ownership of the new key without a keystone user ID and keystone group ID both being provided: ${this.dir}`,
        );
      }
      writeSync(fd, FernetKey.generateText());
      fsyncSync(fd);
      ok = true;
    } finally {
      closeSync(fd);
      if (!ok) unlinkQuietly(tmp);
    }
    this.opts.logger?.info(`Created a new temporary key: ${tmp}`);
    return tmp;
  }

  private becomeStaged(tmp: string): void {
    renameSync(tmp, join(this.dir, '0'));
    this.opts.logger?.info(`Become a valid new key: ${join(this.dir, '0')}`);
  }

  /** `initialize_key_repository`, without the lock (see `setup`). */
  initializeUnlocked(owner: ResolvedOwner): RotationResult | null {
    if (existsQuietly(join(this.dir, '0'))) {
      this.opts.logger?.info('Key repository is already initialized; aborting.');
      return null;
    }
    this.becomeStaged(this.writeTmpKey(owner));
    return this.rotateUnlocked(owner);
  }

  /** `rotate_keys`, without the lock (see `rotate`). */
  rotateUnlocked(owner: ResolvedOwner): RotationResult {
    const files = readKeyFiles(this.dir, this.opts.logger);
    this.opts.logger?.info(`Starting key rotation with ${files.size} key files: ${[...files.values()].map((f) => f.path).join(', ')}`);
    // Keystone would crash half-way in these two cases; refuse before touching anything.
    if (files.size === 0) throw new Error(`No keys in ${this.dir} to rotate; run setup first`);
    if (!files.has(0n)) throw new Error(`No staged key (0) in ${this.dir} to promote`);
    const tmp = this.writeTmpKey(owner);
    const current = sortedKeyFiles(files)[0].id;
    const next = current + 1n;
    this.opts.logger?.info(`Current primary key is: ${current}; next primary key will be: ${next}`);
    const promotedPath = join(this.dir, String(next));
    renameSync(join(this.dir, '0'), promotedPath);
    files.delete(0n);
    files.set(next, { id: next, path: promotedPath, text: '', mtimeMs: 0, size: 0, ino: 0 });
    this.becomeStaged(tmp);
    fsyncDir(this.dir);
    // The new staged key is not in `files`, hence max_active_keys - 1.
    const purged: string[] = [];
    const remaining = sortedKeyFiles(files);
    while (remaining.length > this.maxActiveKeys - 1) {
      const victim = remaining.pop()!;
      this.opts.logger?.info(`Excess key to purge: ${victim.path}`);
      unlinkSync(victim.path);
      purged.push(victim.path);
    }
    if (purged.length) fsyncDir(this.dir);
    return { promotedTo: Number(next), purged };
  }
}

function fchownOrChown(path: string, uid: number, gid: number): void {
  const fd = openSync(path, 'r');
  try {
    fchownSync(fd, uid, gid);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function existsQuietly(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* nothing to clean */
  }
}

/** keystone-manage fernet_setup for one repository. Returns null if it was already set up or unusable. */
export async function setup(dir: string, opts: RepositoryOptions & { maxActiveKeys?: number } = {}): Promise<RotationResult | null> {
  const owner = resolveOwner(opts);
  const repo = new FernetKeyRepository(dir, opts.maxActiveKeys ?? 3, opts);
  repo.createDirectory(owner);
  if (!repo.validate(true)) return null;
  return withRepositoryLock(dir, () => repo.initializeUnlocked(owner), { logger: opts.logger, ...opts.lock });
}

/** keystone-manage fernet_rotate for one repository. Returns null if the repository is unusable. */
export async function rotate(dir: string, maxActiveKeys: number, opts: RepositoryOptions = {}): Promise<RotationResult | null> {
  const owner = resolveOwner(opts);
  const repo = new FernetKeyRepository(dir, maxActiveKeys, opts);
  if (!repo.validate(true)) return null;
  return withRepositoryLock(dir, () => repo.rotateUnlocked(owner), { logger: opts.logger, ...opts.lock });
}
