import { ValidationError } from '@keystone-ts/plugin-sdk';
import { hashSchemeName, PasswordHasher } from './password-hasher';
import type { PasswordHasherOptions } from './password-hash-options';
import { PasswordVerificationError } from './password-length-guard';

const FAST: Record<string, PasswordHasherOptions> = {
  bcrypt: { algorithm: 'bcrypt', rounds: 4 },
  scrypt: { algorithm: 'scrypt', rounds: 4 },
  pbkdf2_sha512: { algorithm: 'pbkdf2_sha512', rounds: 1000 },
};

function recordingLogger(): { warn: jest.Mock; lines: () => string } {
  const warn = jest.fn();
  return { warn, lines: () => warn.mock.calls.map((c) => String(c[0])).join('\n') };
}

describe('PasswordHasher', () => {
  it.each([
    ['bcrypt', /^\$2b\$04\$[./A-Za-z0-9]{53}$/],
    ['scrypt', /^\$scrypt\$ln=4,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/],
    ['pbkdf2_sha512', /^\$pbkdf2-sha512\$1000\$[A-Za-z0-9./]{22}\$[A-Za-z0-9./]{86}$/],
  ])('writes %s hashes in passlib format and verifies them', async (algorithm, shape) => {
    const hasher = new PasswordHasher(FAST[algorithm]);
    const hash = await hasher.hash('s3cr3t ünïcødé 🔑');
    expect(hash).toMatch(shape);
    expect(hashSchemeName(hash)).toBe(algorithm);
    await expect(hasher.verify('s3cr3t ünïcødé 🔑', hash)).resolves.toBe(true);
    await expect(hasher.verify('s3cr3t ünïcødé 🔐', hash)).resolves.toBe(false);
    await expect(hasher.verify('', hash)).resolves.toBe(false);
    expect(await hasher.hash('same')).not.toBe(await hasher.hash('same'));
  });

  it('honours salt_bytesize, block size and parallelism', async () => {
    const hasher = new PasswordHasher({ algorithm: 'scrypt', rounds: 3, saltBytes: 0, scryptBlockSize: 4, scryptParallelism: 2 });
    expect(hasher.settings.saltBytes).toBe(16);
    const custom = new PasswordHasher({ algorithm: 'pbkdf2_sha512', rounds: 10, saltBytes: 96 });
    const hash = await custom.hash('pw');
    expect(hash.split('$')[3]).toHaveLength(128);
    await expect(custom.verify('pw', hash)).resolves.toBe(true);
    expect(await hasher.hash('pw')).toMatch(/^\$scrypt\$ln=3,r=4,p=2\$/);
  });

  it('verifies every algorithm whatever is configured', async () => {
    const hashes = await Promise.all(Object.values(FAST).map((o) => new PasswordHasher(o).hash('pw')));
    const scrypt = new PasswordHasher(FAST.scrypt);
    for (const hash of hashes) await expect(scrypt.verify('pw', hash)).resolves.toBe(true);
  });

  it('caps bcrypt at 72 UTF-8 bytes: longer passwords share the first 72', async () => {
    const hasher = new PasswordHasher(FAST.bcrypt);
    const hash = await hasher.hash('é'.repeat(37)); // 74 bytes
    await expect(hasher.verify('é'.repeat(36), hash)).resolves.toBe(true);
    await expect(hasher.verify('é'.repeat(36) + 'x', hash)).resolves.toBe(true);
    await expect(hasher.verify('é'.repeat(35), hash)).resolves.toBe(false);
  });

  it('applies the configured cap even to other schemes, as Keystone does', async () => {
    const scryptHash = await new PasswordHasher(FAST.scrypt).hash('a'.repeat(100));
    await expect(new PasswordHasher(FAST.bcrypt).verify('a'.repeat(100), scryptHash)).resolves.toBe(false);
    await expect(new PasswordHasher(FAST.scrypt).verify('a'.repeat(100), scryptHash)).resolves.toBe(true);
  });

  it('truncates bytes, even inside a character, without strict checking', async () => {
    const logger = recordingLogger();
    const hasher = new PasswordHasher({ ...FAST.scrypt, maxPasswordLength: 5, logger });
    const hash = await hasher.hash('aaaaé'); // 6 bytes: cut after the first byte of é
    await expect(hasher.verify('aaaaè', hash)).resolves.toBe(true); // è shares é's first byte
    await expect(hasher.verify('aaaa', hash)).resolves.toBe(false);
    expect(logger.lines()).toContain('Truncating user password to 5 characters.');
    expect(logger.lines()).not.toMatch(/aaaa/);
  });

  it('refuses over-long passwords under strict_password_check, in hash and verify', async () => {
    const hasher = new PasswordHasher({ ...FAST.bcrypt, maxPasswordLength: 96, strictPasswordCheck: true });
    const hash = await hasher.hash('0'.repeat(72));
    await expect(hasher.hash('0'.repeat(73))).rejects.toThrow(PasswordVerificationError);
    await expect(hasher.verify('0'.repeat(73), hash)).rejects.toMatchObject({
      code: 403,
      message: expect.stringContaining('less than or equal to 72'),
    });
    await expect(hasher.verify('0'.repeat(72), hash)).resolves.toBe(true);
  });

  it('handles the empty password', async () => {
    for (const options of Object.values(FAST)) {
      const hasher = new PasswordHasher(options);
      const hash = await hasher.hash('');
      await expect(hasher.verify('', hash)).resolves.toBe(true);
      await expect(hasher.verify(' ', hash)).resolves.toBe(false);
    }
  });

  it('refuses NUL for bcrypt (C would stop there) but not for scrypt', async () => {
    await expect(new PasswordHasher(FAST.bcrypt).hash('a\0b')).rejects.toThrow(ValidationError);
    const bcryptHash = await new PasswordHasher(FAST.bcrypt).hash('a');
    await expect(new PasswordHasher(FAST.bcrypt).verify('a\0b', bcryptHash)).resolves.toBe(false);
    const scrypt = new PasswordHasher(FAST.scrypt);
    const hash = await scrypt.hash('a\0b');
    await expect(scrypt.verify('a\0b', hash)).resolves.toBe(true);
    await expect(scrypt.verify('a', hash)).resolves.toBe(false);
  });

  it('refuses what is not a string or not valid Unicode', async () => {
    const hasher = new PasswordHasher(FAST.scrypt);
    await expect(hasher.hash(42 as unknown as string)).rejects.toThrow(/Expecting to find string in password/);
    await expect(hasher.hash('a\ud800b')).rejects.toThrow(ValidationError);
    await expect(hasher.verify(null, '$2b$04$x')).resolves.toBe(false);
    await expect(hasher.verify('pw', null)).resolves.toBe(false);
  });

  it('accepts bcrypt variants and stray padding bits in the stored checksum', async () => {
    const hasher = new PasswordHasher(FAST.bcrypt);
    const hash = await hasher.hash('pw');
    for (const ident of ['$2a$', '$2y$']) await expect(hasher.verify('pw', ident + hash.slice(4))).resolves.toBe(true);
    const alphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    const last = alphabet[alphabet.indexOf(hash.slice(-1)) ^ 1]; // flips an unused low bit
    await expect(hasher.verify('pw', hash.slice(0, -1) + last)).resolves.toBe(true);
    await expect(hasher.verify('pw', '$2x$' + hash.slice(4))).resolves.toBe(false);
  });

  it('matches the reference vectors passlib checks its bcrypt backends with', async () => {
    // Configured for scrypt so the 255-byte password reaches bcrypt uncut.
    const hasher = new PasswordHasher(FAST.scrypt);
    const wrap = '0123456789'.repeat(26).slice(0, 255);
    const cases: Array<[string, string, boolean]> = [
      ['test', '$2$04$5BJqKfqMQvV7nS.yUguNcuRfMMOXK0xPWavM7pOzjEi5ze5T1k8/S', true],
      ['test', '$2a$04$5BJqKfqMQvV7nS.yUguNcueVirQqDBGaLXSqj.rs.pZPlNR0UX/HK', true],
      ['\u0451', '$2b$05$6bNw2HLQYeqHYyBfLMsv/OUcZd0LKP39b87nBw3.S2tVZSqiQX6eu', true],
      ['\u0451', '$2b$05$6bNw2HLQYeqHYyBfLMsv/OiwqTymGIGzFsA4hOTWebfehXHNprcAS', false], // crypt_blowfish 8-bit bug
      [wrap, '$2a$04$R1lJ2gkNaoPGdafE.H.16.1MKHPvmKwryeulRe225LKProWYwt9Oi', true],
      [wrap, '$2a$04$R1lJ2gkNaoPGdafE.H.16.nVyh2niHsGJhayOHLMiXlI45o8/DU.6', false], // BSD 2a wraparound bug
    ];
    for (const [password, hash, expected] of cases) await expect(hasher.verify(password, hash)).resolves.toBe(expected);
  });

  it('answers false, quietly about the password, for malformed or unknown hashes', async () => {
    const logger = recordingLogger();
    const hasher = new PasswordHasher({ ...FAST.scrypt, logger });
    const good = await hasher.hash('hunter2');
    const bad = [
      '', 'x', '$', 'hunter2', 'hunter2$hunter2$', '$2b$', '$2b$4$' + 'a'.repeat(53), '$2b$03$' + 'a'.repeat(53),
      '$2b$04$' + 'a'.repeat(52), good.slice(0, -2), good.replace('ln=4', 'ln=40'), good.replace('ln=4', 'ln=x'),
      good.replace(',r=8', ',r=0'), '$scrypt$ln=4,r=8,p=1$abc', '$7$', '$7$abc$def', '$pbkdf2-sha512$01000$abc$def',
      '$pbkdf2-sha512$1000$abc', '$pbkdf2-sha512$0$$' + 'A'.repeat(86), '$bcrypt-sha256$v=2,t=2b,r=4$abc$def',
      '$argon2id$v=19$m=65536,t=3,p=4$abc$def', '$1$abc$def', '$6$rounds=999$abc$' + 'a'.repeat(86), '{SSHA}abc',
    ];
    for (const hash of bad) await expect(hasher.verify('hunter2', hash)).resolves.toBe(false);
    await expect(hasher.verify('hunter2', 42 as unknown as string)).resolves.toBe(false);
    expect(logger.warn).toHaveBeenCalled();
    expect(logger.lines()).not.toContain('hunter2');
  });

  it('hashes off the event loop', async () => {
    const hasher = new PasswordHasher({ algorithm: 'bcrypt', rounds: 10 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await Promise.all([hasher.hash('a'), hasher.hash('b')]);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
  });
});
