import { ConfigurationError, type Logger } from '@keystone-ts/plugin-sdk';
import { BCRYPT_MAX_ROUNDS, BCRYPT_MIN_ROUNDS } from './bcrypt-scheme';
import { PBKDF2_MAX_ROUNDS, PBKDF2_MIN_ROUNDS } from './pbkdf2-sha512-scheme';
import { SCRYPT_MAX_ROUNDS, SCRYPT_MIN_ROUNDS, scryptParamsProblem } from './scrypt-scheme';

/** The choices of Keystone 22's `[identity] password_hash_algorithm`. */
export const PASSWORD_HASH_ALGORITHMS = ['bcrypt', 'scrypt', 'pbkdf2_sha512'] as const;
export type PasswordHashAlgorithm = (typeof PASSWORD_HASH_ALGORITHMS)[number];

/**
 * What passlib 1.7.4 uses when Keystone passes no value, and the range it
 * accepts. pbkdf2_sha512 really defaults to 25000 rounds: Keystone's help
 * text says 60000, but the hashes it writes say 25000.
 */
export const PASSWORD_HASH_DEFAULTS = {
  bcrypt: { rounds: 12, minRounds: BCRYPT_MIN_ROUNDS, maxRounds: BCRYPT_MAX_ROUNDS },
  scrypt: { rounds: 16, minRounds: SCRYPT_MIN_ROUNDS, maxRounds: SCRYPT_MAX_ROUNDS, saltBytes: 16, blockSize: 8, parallelism: 1 },
  pbkdf2_sha512: { rounds: 25000, minRounds: PBKDF2_MIN_ROUNDS, maxRounds: PBKDF2_MAX_ROUNDS, saltBytes: 16 },
} as const;

/** `max_password_length` default and ceiling (passlib's MAX_PASSWORD_SIZE). */
export const MAX_PASSWORD_LENGTH = 4096;
/** Keystone lowers the length limit to this when hashing with bcrypt. */
export const BCRYPT_MAX_PASSWORD_BYTES = 72;
/** `salt_bytesize` ceiling: the `password_hash` column is 255 characters. */
export const MAX_SALT_BYTESIZE = 96;

/**
 * One field per Keystone option: algorithm ← `[identity]
 * password_hash_algorithm`, rounds ← `password_hash_rounds`, saltBytes ←
 * `salt_bytesize`, scryptBlockSize ← `scrypt_block_size`, scryptParallelism
 * ← `scrypt_parallelism`, maxPasswordLength ← `max_password_length`,
 * strictPasswordCheck ← `[DEFAULT] strict_password_check`. As upstream,
 * null, undefined and 0 all mean "the algorithm's default".
 */
export interface PasswordHasherOptions {
  algorithm: string;
  rounds?: number | null;
  saltBytes?: number | null;
  scryptBlockSize?: number | null;
  scryptParallelism?: number | null;
  maxPasswordLength?: number | null;
  strictPasswordCheck?: boolean;
  /** Gets truncation warnings; never a password. */
  logger?: Pick<Logger, 'warn'>;
}

export interface PasswordHashSettings {
  algorithm: PasswordHashAlgorithm;
  rounds: number;
  /** Salt of new scrypt / pbkdf2 hashes (bcrypt's is always 16 bytes). */
  saltBytes: number;
  scryptBlockSize: number;
  scryptParallelism: number;
  /** The limit actually enforced, in UTF-8 bytes. */
  maxPasswordBytes: number;
  strictPasswordCheck: boolean;
}

function fail(option: string, detail: string): never {
  throw new ConfigurationError(`[identity] ${option}: ${detail}`);
}

/** Keystone tests these options for truth, so 0 selects the default too. */
function orDefault(option: string, value: number | null | undefined, fallback: number): number {
  if (value === null || value === undefined || value === 0) return fallback;
  if (!Number.isSafeInteger(value)) fail(option, `${value} is not an integer`);
  return value;
}

function checkAlgorithm(algorithm: string): PasswordHashAlgorithm {
  if ((PASSWORD_HASH_ALGORITHMS as readonly string[]).includes(algorithm)) return algorithm as PasswordHashAlgorithm;
  const hint = algorithm === 'bcrypt_sha256' ? ' (Keystone 22 can neither write nor verify bcrypt_sha256)' : '';
  return fail('password_hash_algorithm', `'${algorithm}' is not one of ${PASSWORD_HASH_ALGORITHMS.join(', ')}${hint}`);
}

/**
 * Validates at start what Keystone only discovers on the first hash (passlib
 * raises inside `using()` then, and every password change answers 500).
 */
export function resolvePasswordHashSettings(options: PasswordHasherOptions): PasswordHashSettings {
  const algorithm = checkAlgorithm(options.algorithm);
  const limits = PASSWORD_HASH_DEFAULTS[algorithm];

  const rounds = orDefault('password_hash_rounds', options.rounds, limits.rounds);
  if (rounds < limits.minRounds || rounds > limits.maxRounds) {
    fail('password_hash_rounds', `${rounds} is outside ${limits.minRounds}..${limits.maxRounds} for ${algorithm}`);
  }

  const saltBytes = orDefault('salt_bytesize', options.saltBytes, 16);
  if (saltBytes < 0 || saltBytes > MAX_SALT_BYTESIZE) fail('salt_bytesize', `${saltBytes} is outside 0..${MAX_SALT_BYTESIZE}`);

  const { blockSize, parallelism } = PASSWORD_HASH_DEFAULTS.scrypt;
  const scryptBlockSize = orDefault('scrypt_block_size', options.scryptBlockSize, blockSize);
  const scryptParallelism = orDefault('scrypt_parallelism', options.scryptParallelism, parallelism);
  if (algorithm === 'scrypt') {
    const problem = scryptParamsProblem({ ln: rounds, r: scryptBlockSize, p: scryptParallelism });
    if (problem) fail('scrypt_block_size/scrypt_parallelism/password_hash_rounds', `scrypt cannot run with these: ${problem}`);
  }

  const configured = options.maxPasswordLength ?? MAX_PASSWORD_LENGTH;
  if (!Number.isSafeInteger(configured) || configured < 0 || configured > MAX_PASSWORD_LENGTH) {
    fail('max_password_length', `${configured} is outside 0..${MAX_PASSWORD_LENGTH}`);
  }
  const maxPasswordBytes =
    algorithm === 'bcrypt' && configured > BCRYPT_MAX_PASSWORD_BYTES ? BCRYPT_MAX_PASSWORD_BYTES : configured;

  return {
    algorithm,
    rounds,
    saltBytes,
    scryptBlockSize,
    scryptParallelism,
    maxPasswordBytes,
    strictPasswordCheck: options.strictPasswordCheck ?? false,
  };
}
