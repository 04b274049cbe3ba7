import { createHash } from 'node:crypto';

/** Keystone's `utils.hash_access_key`: an ec2 credential's id is the sha256 hex of its access key. */
export function hashAccessKey(access: string): string {
  return createHash('sha256').update(access, 'utf8').digest('hex');
}
