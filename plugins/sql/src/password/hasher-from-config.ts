import type { DriverContext } from '@keystone-ts/plugin-sdk';
import { PasswordHasher } from './password-hasher';

/** The hasher `[identity]` configures, for any secret Keystone hashes like a password (application credentials too). */
export function passwordHasherFromConfig(ctx: DriverContext): PasswordHasher {
  const c = ctx.config;
  return new PasswordHasher({
    algorithm: c.get('identity', 'password_hash_algorithm'),
    rounds: c.get('identity', 'password_hash_rounds'),
    saltBytes: c.get('identity', 'salt_bytesize'),
    scryptBlockSize: c.get('identity', 'scrypt_block_size'),
    scryptParallelism: c.get('identity', 'scrypt_parallelism'),
    maxPasswordLength: c.get('identity', 'max_password_length'),
    strictPasswordCheck: c.get('DEFAULT', 'strict_password_check'),
    logger: ctx.logger,
  } as never);
}
