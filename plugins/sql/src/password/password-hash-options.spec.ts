import { ConfigurationError } from '@keystone-ts/plugin-sdk';
import { resolvePasswordHashSettings, type PasswordHasherOptions } from './password-hash-options';

const resolve = (o: PasswordHasherOptions) => resolvePasswordHashSettings(o);

describe('password hash settings (Keystone 22 [identity] options)', () => {
  it.each([
    ['bcrypt', 12],
    ['scrypt', 16],
    ['pbkdf2_sha512', 25000],
  ])('%s defaults to passlib 1.7.4 rounds %d', (algorithm, rounds) => {
    expect(resolve({ algorithm }).rounds).toBe(rounds);
    // Keystone tests the option for truth: 0 also means "default".
    expect(resolve({ algorithm, rounds: 0 }).rounds).toBe(rounds);
  });

  it('fills scrypt and salt defaults, including for 0', () => {
    expect(resolve({ algorithm: 'scrypt', saltBytes: 0, scryptBlockSize: 0, scryptParallelism: null })).toMatchObject({
      saltBytes: 16,
      scryptBlockSize: 8,
      scryptParallelism: 1,
      maxPasswordBytes: 4096,
      strictPasswordCheck: false,
    });
  });

  it('lowers the limit to 72 bytes for bcrypt only, and only when set higher', () => {
    expect(resolve({ algorithm: 'bcrypt' }).maxPasswordBytes).toBe(72);
    expect(resolve({ algorithm: 'bcrypt', maxPasswordLength: 50 }).maxPasswordBytes).toBe(50);
    expect(resolve({ algorithm: 'scrypt', maxPasswordLength: 100 }).maxPasswordBytes).toBe(100);
    expect(resolve({ algorithm: 'pbkdf2_sha512' }).maxPasswordBytes).toBe(4096);
  });

  it.each<[string, PasswordHasherOptions, RegExp]>([
    ['bcrypt_sha256 (not a Zed choice)', { algorithm: 'bcrypt_sha256' }, /password_hash_algorithm.*bcrypt_sha256/],
    ['sha512_crypt (verify-only)', { algorithm: 'sha512_crypt' }, /password_hash_algorithm/],
    ['bcrypt rounds 3', { algorithm: 'bcrypt', rounds: 3 }, /password_hash_rounds: 3 is outside 4\.\.31/],
    ['bcrypt rounds 32', { algorithm: 'bcrypt', rounds: 32 }, /outside 4\.\.31/],
    ['scrypt rounds 32', { algorithm: 'scrypt', rounds: 32 }, /outside 1\.\.31/],
    ['scrypt rounds -1', { algorithm: 'scrypt', rounds: -1 }, /outside 1\.\.31/],
    ['pbkdf2 rounds 2^32', { algorithm: 'pbkdf2_sha512', rounds: 2 ** 32 }, /outside 1\.\.4294967295/],
    ['fractional rounds', { algorithm: 'pbkdf2_sha512', rounds: 1.5 }, /not an integer/],
    ['salt_bytesize 97', { algorithm: 'scrypt', saltBytes: 97 }, /salt_bytesize/],
    ['salt_bytesize -1', { algorithm: 'pbkdf2_sha512', saltBytes: -1 }, /salt_bytesize/],
    ['scrypt r=1 with N=2^16 (OpenSSL refuses)', { algorithm: 'scrypt', scryptBlockSize: 1 }, /2\^\(16\*r\)/],
    ['scrypt p=-1', { algorithm: 'scrypt', scryptParallelism: -1 }, /parallelism/],
    ['scrypt over the memory ceiling', { algorithm: 'scrypt', rounds: 24, scryptBlockSize: 8 }, /memory/],
    ['max_password_length 4097', { algorithm: 'bcrypt', maxPasswordLength: 4097 }, /max_password_length/],
    ['max_password_length -1', { algorithm: 'bcrypt', maxPasswordLength: -1 }, /max_password_length/],
  ])('refuses %s at construction', (_why, options, message) => {
    expect(() => resolve(options)).toThrow(ConfigurationError);
    expect(() => resolve(options)).toThrow(message);
  });

  it('ignores scrypt tuning when another algorithm is configured, as Keystone does', () => {
    expect(() => resolve({ algorithm: 'bcrypt', scryptBlockSize: -5 })).not.toThrow();
  });
});
