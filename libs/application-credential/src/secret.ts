import { randomBytes } from 'node:crypto';

/** Keystone's generated secret: 64 random bytes, urlsafe base64 without padding. */
export function generateSecret(): string {
  return randomBytes(64).toString('base64url');
}
