import { ValidationError, type Logger } from '@keystone-ts/plugin-sdk';
import { bcryptAcceptsSecret, bcryptScheme, hashBcrypt } from './bcrypt-scheme';
import { MalformedHashError, type HashScheme } from './hash-scheme';
import { encodePassword } from './password-length-guard';
import {
  BCRYPT_MAX_PASSWORD_BYTES,
  MAX_PASSWORD_LENGTH,
  resolvePasswordHashSettings,
  type PasswordHasherOptions,
  type PasswordHashSettings,
} from './password-hash-options';
import { hashPbkdf2Sha512, pbkdf2Sha512Scheme } from './pbkdf2-sha512-scheme';
import { hashScrypt, scryptScheme } from './scrypt-scheme';
import { sha512CryptScheme } from './sha512-crypt-scheme';

/** Keystone 22's SUPPORTED_HASHERS; bcrypt_sha256 is not among them. */
const SCHEMES: readonly HashScheme[] = [bcryptScheme, scryptScheme, pbkdf2Sha512Scheme, sha512CryptScheme];
const BY_IDENT = new Map<string, HashScheme>(SCHEMES.flatMap((s) => s.idents.map((i) => [i, s] as const)));

/** Keystone dispatches on the text up to and including the second `$`. */
function identOf(hash: string): string | null {
  const end = hash.indexOf('$', 1);
  return end < 0 ? null : hash.slice(0, end + 1);
}

/** passlib's name for the scheme a stored hash would be verified with, or null. */
export function hashSchemeName(hash: string): string | null {
  const ident = identOf(hash);
  return (ident && BY_IDENT.get(ident)?.name) ?? null;
}

/**
 * Keystone 22's `keystone.common.password_hashing`: hashes new passwords
 * with the configured algorithm and verifies anything Keystone can verify
 * (bcrypt `$2$ $2a$ $2y$ $2b$`, scrypt `$scrypt$ $7$`, `$pbkdf2-sha512$`,
 * sha512_crypt `$6$`). All work runs on libuv's threadpool, except the rare
 * sha512_crypt, which yields between slices of rounds.
 */
export class PasswordHasher {
  readonly settings: PasswordHashSettings;
  private readonly logger?: Pick<Logger, 'warn'>;

  /** @throws ConfigurationError naming the offending option. */
  constructor(options: PasswordHasherOptions) {
    this.settings = resolvePasswordHashSettings(options);
    this.logger = options.logger;
    // Keystone repeats this on every hash and check; once says the same.
    if (this.settings.algorithm === 'bcrypt' && (options.maxPasswordLength ?? MAX_PASSWORD_LENGTH) > BCRYPT_MAX_PASSWORD_BYTES) {
      this.logger?.warn(`Truncating password to algorithm specific maximum length ${BCRYPT_MAX_PASSWORD_BYTES} characters.`);
    }
  }

  /**
   * @throws PasswordVerificationError (403) when too long under strict checking.
   * @throws ValidationError (400) for a non-string, unpaired surrogates, or a
   *   NUL character with bcrypt (passlib raises there and Keystone answers 500).
   */
  async hash(password: string): Promise<string> {
    const secret = encodePassword(password, this.settings, this.logger);
    const { algorithm, rounds, saltBytes, scryptBlockSize: r, scryptParallelism: p } = this.settings;
    try {
      switch (algorithm) {
        case 'bcrypt':
          if (!bcryptAcceptsSecret(secret)) throw ValidationError.field('password', 'bcrypt cannot hash a NUL character');
          return await hashBcrypt(secret, rounds);
        case 'scrypt':
          return await hashScrypt(secret, { ln: rounds, r, p }, saltBytes);
        case 'pbkdf2_sha512':
          return await hashPbkdf2Sha512(secret, rounds, saltBytes);
      }
    } finally {
      // Best effort: the caller's string cannot be wiped, our copy can.
      secret.fill(0);
    }
  }

  /**
   * Resolves false for a wrong password and for a missing, malformed or
   * unsupported hash (where Keystone raises ValueError and answers 500).
   * Like Keystone's check_password, the password is length-checked with the
   * *configured* algorithm's limit first, so under strict_password_check an
   * over-long password rejects with PasswordVerificationError (403).
   */
  async verify(password: string | null | undefined, hash: string | null | undefined): Promise<boolean> {
    if (password === null || password === undefined || hash === null || hash === undefined) return false;
    const secret = encodePassword(password, this.settings, this.logger);
    try {
      const ident = typeof hash === 'string' ? identOf(hash) : null;
      const scheme = ident ? BY_IDENT.get(ident) : undefined;
      if (!scheme) {
        this.warn(`Unsupported password hashing algorithm ident: ${printableIdent(ident)}`);
        return false;
      }
      return await scheme.verify(secret, hash);
    } catch (err) {
      // Reasons describe the hash text or come from node:crypto / bcrypt,
      // none of which echo the secret.
      this.warn(`Password hash could not be checked: ${err instanceof MalformedHashError ? err.message : String((err as Error)?.message ?? err)}`);
      return false;
    } finally {
      secret.fill(0);
    }
  }

  private warn(message: string): void {
    this.logger?.warn(message);
  }
}

/**
 * A column holding something that is not a hash (a plaintext password from
 * a botched import, say) must not end up in the log: only ident-shaped text
 * is shown.
 */
function printableIdent(ident: string | null): string {
  return ident && /^\$[A-Za-z0-9-]{1,20}\$$/.test(ident) ? ident : '(unrecognised format)';
}
