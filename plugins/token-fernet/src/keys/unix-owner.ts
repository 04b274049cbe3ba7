/**
 * `--keystone-user` / `--keystone-group` → numeric ids, as Keystone's
 * get_unix_user/get_unix_group do: a name first, then a number. Node has no
 * getpwnam, so this asks `getent` and falls back to /etc/passwd and
 * /etc/group where getent is missing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface KeyOwnerOptions {
  /** User name or uid owning the keys (Keystone's --keystone-user). */
  keystoneUser?: string | number | null;
  /** Group name or gid (Keystone's --keystone-group). */
  keystoneGroup?: string | number | null;
}

export interface ResolvedOwner {
  uid: number | null;
  gid: number | null;
}

type Database = 'passwd' | 'group';

function lookupWithGetent(db: Database, key: string): string | null | undefined {
  try {
    return execFileSync('getent', [db, key], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0];
  } catch (e) {
    // ENOENT: no getent on this system (undefined = try the files); exit 2: not found.
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
}

function lookupInFile(db: Database, key: string): string | null {
  const lines = readFileSync(db === 'passwd' ? '/etc/passwd' : '/etc/group', 'utf8').split('\n');
  const byName = lines.find((l) => l.split(':')[0] === key);
  if (byName) return byName;
  return lines.find((l) => /^\d+$/.test(key) && l.split(':')[2] === key) ?? null;
}

function resolveId(db: Database, value: string | number, label: string): number {
  if (typeof value === 'number') return value;
  const entry = lookupWithGetent(db, value) ?? lookupInFile(db, value);
  if (!entry) {
    const what = db === 'passwd' ? 'user' : 'group';
    throw new Error(`Unknown ${what} '${value}' in ${label}`);
  }
  return Number(entry.split(':')[2]);
}

export function resolveOwner(opts: KeyOwnerOptions): ResolvedOwner {
  const user = opts.keystoneUser;
  const group = opts.keystoneGroup;
  return {
    uid: user === undefined || user === null || user === '' ? null : resolveId('passwd', user, '--keystone-user'),
    gid: group === undefined || group === null || group === '' ? null : resolveId('group', group, '--keystone-group'),
  };
}

/**
 * Keystone changes ownership only when both ids are truthy in Python, so
 * uid 0 / gid 0 (root) count as "not given". Kept: it decides whether the
 * "unable to change the ownership" warning appears.
 */
export function ownershipToApply(owner: ResolvedOwner): { uid: number; gid: number } | 'none' | 'partial' {
  if (owner.uid && owner.gid) return { uid: owner.uid, gid: owner.gid };
  return owner.uid || owner.gid ? 'partial' : 'none';
}
