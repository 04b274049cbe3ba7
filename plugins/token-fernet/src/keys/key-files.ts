/**
 * Reading a key repository the way Keystone's FernetUtils does: every regular
 * file (symlinks followed) whose name Python's `int()` accepts is a key
 * numbered by that int; empty files are skipped with a warning; keys are
 * returned highest number first, so the primary key leads and the staged
 * key (0) comes last.
 */
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@keystone-ts/plugin-sdk';
import { pythonInt } from '../payloads/python-int';

export interface KeyFile {
  id: bigint;
  path: string;
  text: string;
  /** For change detection by the provider's key cache. */
  mtimeMs: number;
  size: number;
  ino: number;
}

/** A key file is a handful of bytes; refuse to slurp anything large by mistake. */
const MAX_KEY_FILE_BYTES = 4096;

function readSmallFile(path: string): { text: string; mtimeMs: number; size: number; ino: number } {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    const buf = Buffer.alloc(Math.min(st.size, MAX_KEY_FILE_BYTES));
    const n = st.size === 0 ? 0 : readSync(fd, buf, 0, buf.length, 0);
    return { text: buf.subarray(0, n).toString('utf8'), mtimeMs: st.mtimeMs, size: st.size, ino: st.ino };
  } finally {
    closeSync(fd);
  }
}

/**
 * `_get_key_files`. Unlike Keystone, files whose names are not numbers are
 * not opened at all: an unreadable stray file (a lock, an editor backup)
 * cannot break token validation here.
 */
export function readKeyFiles(dir: string, logger?: Logger): Map<bigint, KeyFile> {
  const keys = new Map<bigint, KeyFile>();
  for (const name of readdirSync(dir)) {
    const id = pythonInt(name, 10);
    if (id === null) continue;
    const path = join(dir, name);
    let isFile: boolean;
    try {
      isFile = statSync(path).isFile();
    } catch {
      continue; // dangling symlink or a file removed under us: os.path.isfile() is False
    }
    if (!isFile) continue;
    const file = readSmallFile(path);
    if (file.text.length === 0) {
      logger?.warn(`Ignoring empty key found in key repository: ${path}`);
      continue;
    }
    // Later duplicates ('1' and '01') replace earlier ones, as in Keystone's dict.
    keys.set(id, { id, path, ...file });
  }
  return keys;
}

/** Key files ordered as `load_keys` returns them: highest number first. */
export function sortedKeyFiles(files: Map<bigint, KeyFile>): KeyFile[] {
  return [...files.values()].sort((a, b) => (a.id > b.id ? -1 : a.id < b.id ? 1 : 0));
}
