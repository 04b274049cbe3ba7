import fc from 'fast-check';
import { PasswordHasher } from './password-hasher';
import { PasswordVerificationError } from './password-length-guard';
import { askKeystone, keystoneOracleAvailable, okValue, type KeystoneConf, type OracleRequest } from './testing/keystone-oracle-client';

/**
 * Differential test against the real Keystone 22 (Debian's python3-keystone
 * with passlib 1.7.4): Keystone's hash_password output must verify here,
 * ours must pass Keystone's check_password, and for every (hash, candidate)
 * pair both must give the same answer. Skipped where Keystone is missing.
 */
const describeWithKeystone = keystoneOracleAvailable() ? describe : describe.skip;

const CONFS: Record<string, KeystoneConf> = {
  bcrypt: { password_hash_algorithm: 'bcrypt', password_hash_rounds: 4 },
  'bcrypt, max 50': { password_hash_algorithm: 'bcrypt', password_hash_rounds: 5, max_password_length: 50 },
  scrypt: { password_hash_algorithm: 'scrypt', password_hash_rounds: 4 },
  'scrypt, r=4 p=2 salt 24': { password_hash_algorithm: 'scrypt', password_hash_rounds: 3, scrypt_block_size: 4, scrypt_parallelism: 2, salt_bytesize: 24 },
  'scrypt, max 10': { password_hash_algorithm: 'scrypt', password_hash_rounds: 2, max_password_length: 10 },
  pbkdf2_sha512: { password_hash_algorithm: 'pbkdf2_sha512', password_hash_rounds: 1000 },
  'pbkdf2_sha512, salt 96': { password_hash_algorithm: 'pbkdf2_sha512', password_hash_rounds: 7, salt_bytesize: 96 },
};

const PASSWORDS: string[] = [
  'password', '', ' ', 'Comment \u00e7a va', '\u5bc6\u7801\u30d1\u30b9\u30ef\u30fc\u30c9', '\ud83d\udd11\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67',
  'a'.repeat(71), 'a'.repeat(72), 'a'.repeat(72) + 'b', '\u00e9'.repeat(37), 'aaaa\u00e9\u00e9\u00e9\u00e9', 'x'.repeat(4096), 'y'.repeat(5000),
  'tab\tnew\nline', '$2b$04$looks-like-a-hash',
  ...fc.sample(fc.string({ unit: 'binary', minLength: 1, maxLength: 90 }), { seed: 22, numRuns: 6 }),
];

/** Near misses plus the password itself; with truncation some misses must still match, in both. */
const candidatesFor = (pw: string): string[] => [pw, pw + '!', [...pw].slice(0, -1).join(''), pw.toUpperCase()];

function hasherFor(conf: KeystoneConf): PasswordHasher {
  return new PasswordHasher({
    algorithm: conf.password_hash_algorithm ?? 'bcrypt',
    rounds: conf.password_hash_rounds,
    saltBytes: conf.salt_bytesize,
    scryptBlockSize: conf.scrypt_block_size,
    scryptParallelism: conf.scrypt_parallelism,
    maxPasswordLength: conf.max_password_length,
    strictPasswordCheck: conf.strict_password_check,
  });
}

/** Formats Keystone verifies but no longer writes, made with passlib itself. */
const LEGACY: Array<[label: string, handler: string, settings: Record<string, unknown>]> = [
  ['sha512_crypt 1000 rounds', 'sha512_crypt', { rounds: 1000 }],
  ['sha512_crypt implicit 5000', 'sha512_crypt', { rounds: 5000 }],
  ['sha512_crypt empty salt', 'sha512_crypt', { rounds: 1000, salt: '' }],
  ['sha512_crypt 8-char salt', 'sha512_crypt', { rounds: 1234, salt_size: 8 }],
  ['bcrypt $2a$', 'bcrypt', { rounds: 4, ident: '2a' }],
  ['bcrypt $2y$', 'bcrypt', { rounds: 4, ident: '2y' }],
  ['bcrypt $2$', 'bcrypt', { rounds: 4, ident: '2' }],
  ['scrypt $7$', 'scrypt', { rounds: 4, ident: '$7$' }],
  ['pbkdf2_sha512 empty salt', 'pbkdf2_sha512', { rounds: 5, salt_size: 0 }],
  ['bcrypt_sha256 (unsupported)', 'bcrypt_sha256', { rounds: 4 }],
];
const LEGACY_PASSWORDS = ['password', '', '\u00e7a va \ud83d\udd11', 'z'.repeat(80), 'w'.repeat(300)];
// Checked under both a 72-byte (bcrypt) and a 4096-byte (scrypt) limit.
const CHECK_CONFS: KeystoneConf[] = [{}, { password_hash_algorithm: 'scrypt' }];

interface Sample {
  label: string;
  conf: KeystoneConf;
  hash: string;
  candidate: string;
}

describeWithKeystone('interop with Keystone 22 password_hashing', () => {
  it('agrees with Keystone on every hash, both directions', async () => {
    const hashJobs = Object.entries(CONFS).flatMap(([name, conf]) => PASSWORDS.map((password, i) => ({ name, conf, password, i })));
    const nonBcrypt = hashJobs.filter((j) => !(j.conf.password_hash_algorithm === 'bcrypt' && j.password.includes('\0')));
    const legacyJobs = LEGACY.flatMap(([label, handler, settings]) => LEGACY_PASSWORDS.map((password) => ({ label, handler, settings, password })));

    const made = await askKeystone([
      ...nonBcrypt.map((j): OracleRequest => ({ op: 'hash', conf: j.conf, password: j.password })),
      ...legacyJobs.map((j): OracleRequest => ({ op: 'passlib', handler: j.handler, settings: j.settings, password: j.password })),
    ]);
    const samples: Sample[] = [];
    const keystoneHashes = made.slice(0, nonBcrypt.length).map((r) => okValue<string>(r));
    const ourHashes = await Promise.all(nonBcrypt.map((job) => hasherFor(job.conf).hash(job.password)));
    for (const [k, job] of nonBcrypt.entries()) {
      for (const candidate of candidatesFor(job.password)) {
        samples.push({ label: `${job.name} #${job.i} keystone-made`, conf: job.conf, hash: keystoneHashes[k], candidate });
        samples.push({ label: `${job.name} #${job.i} ours`, conf: job.conf, hash: ourHashes[k], candidate });
      }
    }
    for (const [k, job] of legacyJobs.entries()) {
      const hash = okValue<string>(made[nonBcrypt.length + k]);
      for (const conf of CHECK_CONFS) {
        for (const candidate of candidatesFor(job.password)) samples.push({ label: job.label, conf, hash, candidate });
      }
    }

    const verdicts = await askKeystone(samples.map((s): OracleRequest => ({ op: 'check', conf: s.conf, password: s.candidate, hash: s.hash })));
    const ourVerdicts = await Promise.all(samples.map((s) => hasherFor(s.conf).verify(s.candidate, s.hash)));
    const mismatches: string[] = [];
    let matchedTrue = 0;
    for (const [k, s] of samples.entries()) {
      const v = verdicts[k];
      // Where Keystone raises (unsupported or malformed hash), we answer false.
      const keystone = 'error' in v ? false : v.ok;
      const ours = ourVerdicts[k];
      if (ours !== keystone) mismatches.push(`${s.label}: ${JSON.stringify(s.candidate.slice(0, 20))} ours=${ours} keystone=${JSON.stringify(v)}`);
      if (ours === true) matchedTrue++;
    }
    expect(mismatches).toEqual([]);
    // Guard against a vacuous pass (everything false on both sides).
    expect(matchedTrue).toBeGreaterThan(samples.length / 4);
    expect(verdicts.filter((v) => 'error' in v).length).toBe(LEGACY_PASSWORDS.length * CHECK_CONFS.length * 4);
  });

  it('uses the same defaults as Keystone when the options are unset', async () => {
    const algorithms = ['bcrypt', 'scrypt', 'pbkdf2_sha512'] as const;
    const made = await askKeystone(algorithms.map((a): OracleRequest => ({ op: 'hash', conf: { password_hash_algorithm: a }, password: 'pw' })));
    const shapes = [/^\$2b\$12\$/, /^\$scrypt\$ln=16,r=8,p=1\$[^$]{22}\$[^$]{43}$/, /^\$pbkdf2-sha512\$25000\$[^$]{22}\$[^$]{86}$/];
    const ours = await Promise.all(algorithms.map((a) => new PasswordHasher({ algorithm: a }).hash('pw')));
    for (const [k, shape] of shapes.entries()) {
      expect(okValue(made[k])).toMatch(shape);
      expect(ours[k]).toMatch(shape);
    }
    const checks = await askKeystone(ours.map((hash): OracleRequest => ({ op: 'check', conf: {}, password: 'pw', hash })));
    expect(checks).toEqual(ours.map(() => ({ ok: true })));
  });

  it('fails where Keystone fails: strict length, NUL with bcrypt, unpaired surrogates', async () => {
    const strict: KeystoneConf = { password_hash_algorithm: 'bcrypt', password_hash_rounds: 4, max_password_length: 96, strict_password_check: true };
    const bcryptHash = await hasherFor(CONFS.bcrypt).hash('a');
    const results = await askKeystone([
      { op: 'hash', conf: strict, password: '0'.repeat(73) },
      { op: 'check', conf: strict, password: '0'.repeat(73), hash: bcryptHash },
      { op: 'hash', conf: strict, password: '0'.repeat(72) },
      { op: 'hash', conf: CONFS.bcrypt, password: 'a\0b' },
      { op: 'check', conf: CONFS.bcrypt, password: 'a\0b', hash: bcryptHash },
      { op: 'hash', conf: CONFS.scrypt, password: 'a\ud800b' },
    ]);
    expect(results.map((r) => ('error' in r ? r.error : 'ok'))).toEqual([
      'PasswordVerificationError', 'PasswordVerificationError', 'ok', 'PasswordValueError', 'PasswordValueError', 'UnicodeEncodeError',
    ]);
    await expect(hasherFor(strict).hash('0'.repeat(73))).rejects.toThrow(PasswordVerificationError);
    await expect(hasherFor(strict).verify('0'.repeat(73), bcryptHash)).rejects.toThrow(PasswordVerificationError);
    await expect(hasherFor(strict).verify('0'.repeat(72), okValue(results[2]))).resolves.toBe(true);
    // Keystone answers 500 here; we refuse with 400 / answer false.
    await expect(hasherFor(CONFS.bcrypt).hash('a\0b')).rejects.toThrow(/NUL/);
    await expect(hasherFor(CONFS.bcrypt).verify('a\0b', bcryptHash)).resolves.toBe(false);
    await expect(hasherFor(CONFS.scrypt).hash('a\ud800b')).rejects.toThrow(/not valid Unicode/);
  });
});
