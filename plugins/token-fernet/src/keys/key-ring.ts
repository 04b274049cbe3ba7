/**
 * The provider's view of the key repository, re-read only when it changes.
 *
 * Keystone re-reads the directory on every token operation. Here the keys
 * are cached, and at most once per `recheckMs` we stat the directory and the
 * key files: rotation (create/rename/unlink) changes the directory's mtime,
 * replacing the whole directory with `mv` changes its inode, and rewriting a
 * key in place changes that file's mtime/size. Worst case, a node sees a
 * rotation `recheckMs` late, far inside the staged-key grace Keystone's
 * rotation scheme provides.
 */
import { statSync } from 'node:fs';
import type { Logger } from '@keystone-ts/plugin-sdk';
import { FernetKey, InvalidKeyError } from '../fernet/fernet-token';
import { FernetKeyRepository } from '../key-repository';
import { readKeyFiles, sortedKeyFiles } from './key-files';
import type { KeyFile } from './key-files';

export interface KeyRingOptions {
  recheckMs?: number;
  logger?: Logger;
  /** Injectable clock for tests. */
  now?: () => number;
}

export class KeyRingError extends Error {}

export class KeyRing {
  private keys: FernetKey[] = [];
  private files: KeyFile[] = [];
  private dirStamp = '';
  private nextCheck = 0;
  /** A bad key fails every call until a later check finds the repository fixed. */
  private failure: KeyRingError | null = null;
  private readonly repo: FernetKeyRepository;

  constructor(
    readonly dir: string,
    maxActiveKeys: number,
    private readonly opts: KeyRingOptions = {},
  ) {
    this.repo = new FernetKeyRepository(dir, maxActiveKeys, { logger: opts.logger, configGroup: 'fernet_tokens' });
  }

  /** Keys, primary first. Empty when the repository is missing or unreadable (Keystone: KeysNotFound). */
  current(): readonly FernetKey[] {
    const now = (this.opts.now ?? Date.now)();
    if (now >= this.nextCheck) {
      this.nextCheck = now + (this.opts.recheckMs ?? 1000);
      if (this.changed()) this.reload();
    }
    if (this.failure) throw this.failure;
    return this.keys;
  }

  /** Drops the cache: the next call re-reads the repository. */
  invalidate(): void {
    this.dirStamp = '';
    this.nextCheck = 0;
  }

  private stamp(path: string): string {
    try {
      const st = statSync(path);
      return `${st.ino}:${st.mtimeMs}:${st.ctimeMs}:${st.size}`;
    } catch {
      return 'missing';
    }
  }

  private changed(): boolean {
    if (this.stamp(this.dir) !== this.dirStamp) return true;
    return this.files.some((f) => this.fileChanged(f));
  }

  private fileChanged(f: KeyFile): boolean {
    try {
      const st = statSync(f.path);
      return st.ino !== f.ino || st.mtimeMs !== f.mtimeMs || st.size !== f.size;
    } catch {
      return true;
    }
  }

  private reload(): void {
    this.dirStamp = this.stamp(this.dir);
    this.failure = null;
    if (!this.repo.validate()) {
      this.keys = [];
      this.files = [];
      return;
    }
    const files = sortedKeyFiles(readKeyFiles(this.dir, this.opts.logger));
    const keys: FernetKey[] = [];
    for (const f of files) {
      try {
        keys.push(FernetKey.parse(f.text));
      } catch (e) {
        if (!(e instanceof InvalidKeyError)) throw e;
        // Keystone fails every token operation on a bad key; so do we, looking again at the next check.
        this.dirStamp = '';
        this.failure = new KeyRingError(`Invalid key ${f.path}: ${e.message}`);
        return;
      }
    }
    this.keys = keys;
    this.files = files;
    this.opts.logger?.debug(`Loaded ${files.length} Fernet keys from ${this.dir}`);
  }
}
