import { Forbidden, ValidationError, type Logger } from '@keystone-ts/plugin-sdk';

/**
 * Keystone's PasswordVerificationError: a 403 whose message is shown to the
 * caller (it is "ForbiddenNotSecurity" upstream), raised under
 * `[DEFAULT] strict_password_check` for an over-long password, by hashing
 * and by verification alike.
 */
export class PasswordVerificationError extends Forbidden {
  constructor(readonly size: number) {
    super(
      `The password length must be less than or equal to ${size}. ` +
        'The server could not comply with the request because the password is invalid.',
    );
  }
}

export interface PasswordLengthPolicy {
  /** Effective limit in UTF-8 bytes (already lowered to 72 for bcrypt). */
  maxPasswordBytes: number;
  strictPasswordCheck: boolean;
}

// With the `u` flag a proper surrogate pair is one code point, so this
// matches only unpaired halves, which have no UTF-8 encoding.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Encodes and length-checks a password exactly where Keystone does (before
 * both hashing and verifying): the limit counts UTF-8 bytes, and without
 * strict checking the bytes are cut, possibly inside a character, because
 * that is what upstream stored and what its hashes were made from.
 */
export function encodePassword(password: unknown, policy: PasswordLengthPolicy, logger?: Pick<Logger, 'warn'>): Buffer {
  if (typeof password !== 'string') {
    // Keystone: ValidationError(attribute='string', target='password').
    throw ValidationError.missing('string', 'password');
  }
  if (LONE_SURROGATE.test(password)) {
    // Python cannot encode these either (Keystone answers 500); Node would
    // quietly substitute U+FFFD and store a hash of a different password.
    throw ValidationError.field('password', 'is not valid Unicode text');
  }
  const bytes = Buffer.from(password, 'utf8');
  const max = policy.maxPasswordBytes;
  if (bytes.length <= max) return bytes;
  if (policy.strictPasswordCheck) {
    bytes.fill(0);
    throw new PasswordVerificationError(max);
  }
  // Same words as Keystone's warning; only the limit is logged.
  logger?.warn(`Truncating user password to ${max} characters.`);
  // A copy, so the caller's wipe of what it got covers all that is left.
  const cut = Buffer.from(bytes.subarray(0, max));
  bytes.fill(0);
  return cut;
}
