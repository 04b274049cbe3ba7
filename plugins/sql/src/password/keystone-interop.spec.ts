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
  'tab\tnew\nline', '$2b$04$looks-like-a-hash', 'nul\0inside',
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
  /** A hash made here, or the index of the batch request that makes it. */
  source: string | number;
  candidate: string;
}

describeWithKeystone('interop with Keystone 22 password_hashing', () => {
  it('agrees with Keystone on every hash, both directions', async () => {
    const jobs = Object.entries(CONFS)
      .flatMap(([name, conf]) => PASSWORDS.map((password, i) => ({ label: `${name} #${i}`, conf, password })))
      // bcrypt refuses NUL on both sides; the last test covers that.
      .filter((j) => !(j.conf.password_hash_algorithm === 'bcrypt' && j.password.includes('\0')));
    const legacy = LEGACY.flatMap(([label, handler, settings]) => LEGACY_PASSWORDS.map((password) => ({ label, handler, settings, password })));
    const ourHashes = await Promise.all(jobs.map((job) => hasherFor(job.conf).hash(job.password)));

    // One batch: Keystone makes its hashes (requests 0..n-1) and passlib the
    // legacy ones, then Keystone checks candidates against all of them.
    const requests: OracleRequest[] = [
      ...jobs.map((j): OracleRequest => ({ op: 'hash', conf: j.conf, password: j.password })),
      ...legacy.map((j): OracleRequest => ({ op: 'passlib', handler: j.handler, settings: j.settings, password: j.password })),
    ];
    const samples: Sample[] = [];
    const addSample = (sample: Sample): void => {
      samples.push(sample);
      const { source } = sample;
      requests.push(typeof source === 'number'
        ? { op: 'check', conf: sample.conf, password: sample.candidate, hash_from: source }
        : { op: 'check', conf: sample.conf, password: sample.candidate, hash: source });
    };
    for (const [k, job] of jobs.entries()) {
      for (const candidate of candidatesFor(job.password)) {
        addSample({ label: `${job.label} keystone-made`, conf: job.conf, source: k, candidate });
        addSample({ label: `${job.label} ours`, conf: job.conf, source: ourHashes[k], candidate });
      }
    }
    for (const [k, job] of legacy.entries()) {
      for (const conf of CHECK_CONFS) {
        for (const candidate of candidatesFor(job.password)) addSample({ label: job.label, conf, source: jobs.length + k, candidate });
      }
    }
    const results = await askKeystone(requests);
    const made = results.slice(0, jobs.length + legacy.length).map((r) => okValue<string>(r));
    const verdicts = results.slice(jobs.length + legacy.length);

    const hashOf = (s: Sample): string => (typeof s.source === 'number' ? made[s.source] : s.source);
    const ourVerdicts = await Promise.all(samples.map((s) => hasherFor(s.conf).verify(s.candidate, hashOf(s))));
    const mismatches: string[] = [];
    for (const [k, s] of samples.entries()) {
      const v = verdicts[k];
      // Where Keystone raises (unsupported or malformed hash), we answer false.
      const keystone = 'error' in v ? false : v.ok;
      if (ourVerdicts[k] !== keystone) {
        mismatches.push(`${s.label}: ${JSON.stringify(s.candidate.slice(0, 20))} ours=${ourVerdicts[k]} keystone=${JSON.stringify(v)}`);
      }
    }
    expect(mismatches).toEqual([]);
    // Guard against a vacuous pass (everything false on both sides).
    expect(ourVerdicts.filter(Boolean).length).toBeGreaterThan(samples.length / 4);
    // Only the bcrypt_sha256 checks raise in Keystone.
    expect(verdicts.filter((v) => 'error' in v).length).toBe(LEGACY_PASSWORDS.length * CHECK_CONFS.length * 4);
  });

  it('uses the same defaults as Keystone when the options are unset', async () => {
    const algorithms = ['bcrypt', 'scrypt', 'pbkdf2_sha512'] as const;
    const results = await askKeystone(algorithms.map((a): OracleRequest => ({ op: 'hash', conf: { password_hash_algorithm: a }, password: 'pw' })));
    const made = results.map((r) => okValue<string>(r));
    const shapes = [/^\$2b\$12\$/, /^\$scrypt\$ln=16,r=8,p=1\$[^$]{22}\$[^$]{43}$/, /^\$pbkdf2-sha512\$25000\$[^$]{22}\$[^$]{86}$/];
    for (const [k, algorithm] of algorithms.entries()) {
      expect(made[k]).toMatch(shapes[k]);
      const hasher = new PasswordHasher({ algorithm });
      // Our defaults, parsed back out of the hash Keystone wrote (22 / 43 / 86 chars = 16 / 32 / 64 bytes).
      const { rounds, scryptBlockSize, scryptParallelism, saltBytes } = hasher.settings;
      expect(made[k]).toContain(algorithm === 'bcrypt' ? `$${rounds}$` : algorithm === 'scrypt' ? `ln=${rounds},r=${scryptBlockSize},p=${scryptParallelism}$` : `$${rounds}$`);
      expect(saltBytes).toBe(16);
      await expect(hasher.verify('pw', made[k])).resolves.toBe(true);
    }
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
    await expect(hasherFor(strict).verify('0'.repeat(72), okValue<string>(results[2]))).resolves.toBe(true);
    // Keystone answers 500 here; we refuse with 400 / answer false.
    await expect(hasherFor(CONFS.bcrypt).hash('a\0b')).rejects.toThrow(/NUL/);
    await expect(hasherFor(CONFS.bcrypt).verify('a\0b', bcryptHash)).resolves.toBe(false);
    await expect(hasherFor(CONFS.scrypt).hash('a\ud800b')).rejects.toThrow(/not valid Unicode/);
  });
});
