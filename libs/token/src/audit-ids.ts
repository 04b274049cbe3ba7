import { randomBytes } from 'node:crypto';

/** A new audit id: 16 random bytes, urlsafe base64 without padding (22 chars), as Keystone makes them. */
export function newAuditId(): string {
  return randomBytes(16).toString('base64url');
}
