/** Keystone 22 compatible password hashing for the SQL identity driver. */
export { PasswordHasher, hashSchemeName } from './password-hasher';
export {
  BCRYPT_MAX_PASSWORD_BYTES,
  MAX_PASSWORD_LENGTH,
  MAX_SALT_BYTESIZE,
  PASSWORD_HASH_ALGORITHMS,
  PASSWORD_HASH_DEFAULTS,
  resolvePasswordHashSettings,
  type PasswordHashAlgorithm,
  type PasswordHasherOptions,
  type PasswordHashSettings,
} from './password-hash-options';
export { PasswordVerificationError } from './password-length-guard';
export { SCRYPT_MAX_MEMORY } from './scrypt-scheme';
