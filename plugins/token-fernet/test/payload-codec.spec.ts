/**
 * Differential tests of the payload building blocks against Keystone's own
 * functions: id packing (uuid.UUID + int() quirks), expiry float ↔ string,
 * lenient audit-id decoding, and the methods bitmask.
 */
import fc from 'fast-check';
import { pythonUrlsafeB64Decode } from '../src/fernet/python-base64';
import { AuthMethodMap } from '../src/payloads/auth-methods';
import { isoFromSeconds, isoToEpochSeconds, packExpiry, pythonTimestampSeconds } from '../src/payloads/expiry-time';
import { pythonInt } from '../src/payloads/python-int';
import { pythonPackb, PyFloat } from '../src/payloads/python-msgpack';
import { packId } from '../src/payloads/uuid-packing';
import { keystoneAvailable, runKeystone } from './support/keystone-oracle';

const d = keystoneAvailable ? describe : describe.skip;

/** Pieces that exercise every branch of uuid.UUID(hex) and int(x, 16). */
const idPiece = fc.constantFrom(
  ...'0123456789abcdefABCDEF'.split(''),
  '-', '{', '}', 'urn:', 'uuid:', 'urn:uuid:', '_', ' ', '\t', '+', '0x', '0X', 'x', 'g', 'z',
  '\u0663', '\u0967', '\uff11', '\u{1d7d8}', '\u3000', '\u0085', '\u00a0', '\ufeff', '\u00e9', '\0',
);
const uuidHex = fc.uuid().map((u) => u.replace(/-/g, ''));
const trickyId = fc.oneof(
  fc.array(idPiece, { minLength: 0, maxLength: 40 }).map((a) => a.join('')),
  uuidHex.map((h) => h.toUpperCase()),
  fc.uuid(),
  uuidHex.chain((h) => fc.tuple(fc.nat(31), idPiece).map(([i, p]) => h.slice(0, i) + p + h.slice(i + 1))),
  uuidHex.chain((h) => fc.tuple(fc.nat(31), idPiece).map(([i, p]) => h.slice(0, i) + p + h.slice(i))),
  fc.string({ maxLength: 40 }),
);

d('payload building blocks vs Keystone', () => {
  it('packs ids exactly as attempt_convert_uuid_hex_to_bytes (2000 generated ids)', () => {
    const ids = fc.sample(trickyId, { numRuns: 2000, seed: 42 });
    const theirs = runKeystone<[boolean, string]>({ ops: ids.map((value) => ({ op: 'pack_id', value })) });
    const mine = ids.map((id) => {
      const [flag, v] = packId(id);
      return [flag, flag ? (v as Buffer).toString('hex') : v];
    });
    const mismatches = ids.filter((_, i) => JSON.stringify(mine[i]) !== JSON.stringify(theirs[i]));
    expect(mismatches).toEqual([]);
    // The sample must actually contain ids Keystone packs as bytes in odd ways.
    expect(theirs.filter(([flag], i) => flag && !/^[0-9a-f]{32}$/.test(ids[i])).length).toBeGreaterThan(50);
  });

  it('parses int(x, 10) and int(x, 16) as Python does (key file names, uuid digits)', () => {
    const samples = fc.sample(fc.array(idPiece, { maxLength: 8 }).map((a) => a.join('')), { numRuns: 1500, seed: 7 });
    const ops = samples.flatMap((value) => [10, 16].map((base) => ({ op: 'python_int', value, base })));
    const theirs = runKeystone<string | null>({ ops });
    const mine = samples.flatMap((v) => [10, 16].map((b) => pythonInt(v, b as 10 | 16)?.toString() ?? null));
    expect(mine).toEqual(theirs);
  });

  it('turns expiry floats into Keystone\u2019s ISO strings, including microsecond rounding carries', () => {
    const floats = [
      0, 1.9999996, 1.9999995, 1.0000005, 1700000000.9999996, 1700000000.4999996, 2000000000.5, -1.5, -0.0000004,
      ...fc.sample(fc.double({ min: 0, max: 253402300799, noNaN: true }), { numRuns: 500, seed: 3 }),
      ...fc.sample(fc.integer({ min: 1e9, max: 2e9 }).map((s) => s + 0.9999995 + Math.random() * 1e-6), { numRuns: 200, seed: 4 }),
    ];
    const theirs = runKeystone<string>({ ops: floats.map((value) => ({ op: 'time_string', value })) });
    expect(floats.map((f) => isoFromSeconds(pythonTimestampSeconds(f)))).toEqual(theirs);
  });

  it('packs the same expiry double as _convert_time_string_to_float', () => {
    const isos = [
      '2031-05-17T10:20:30.000000Z', '2031-05-17T10:20:30.123456Z', '2031-05-17T10:20:30.999999Z',
      '2031-05-17T10:20:30Z', '2031-05-17T12:20:30.5+02:00', '1999-12-31T23:59:59.000001Z',
    ];
    const theirs = runKeystone<number>({ ops: isos.map((value) => ({ op: 'time_float', value })) });
    // Compare the float64 bytes, not printed numbers.
    const mine = isos.map((iso) => pythonPackb(packExpiry(isoToEpochSeconds(iso))).toString('hex'));
    expect(mine).toEqual(theirs.map((t) => pythonPackb(new PyFloat(t)).toString('hex')));
  });

  it('decodes audit ids leniently, exactly like random_urlsafe_str_to_bytes', () => {
    const pieces = fc.constantFrom(...'AZaz09-_+/=.!~ \n'.split(''), 'AAAA', 'QUJD');
    const samples = [
      ...fc.sample(fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('base64url')), { numRuns: 50, seed: 1 }),
      ...fc.sample(fc.array(pieces, { maxLength: 30 }).map((a) => a.join('')), { numRuns: 800, seed: 2 }),
    ];
    const theirs = runKeystone<string | { error: string }>({ ops: samples.map((value) => ({ op: 'audit_bytes', value })) });
    const mine = samples.map((s) => {
      try {
        return pythonUrlsafeB64Decode(s + '==').toString('hex');
      } catch {
        return 'error';
      }
    });
    expect(mine).toEqual(theirs.map((t) => (typeof t === 'string' ? t : 'error')));
  });
});

describe('methods bitmask', () => {
  const map = new AuthMethodMap();

  it('numbers [auth] methods in order and reserves the Debian pseudo-method bits', () => {
    expect(map.toInteger(['external', 'password', 'token'])).toBe(7n);
    expect(map.toInteger(['application_credential'])).toBe(32n);
    expect(map.toInteger(['ec2credential'])).toBe(1n << 32n);
    expect(map.toInteger(['oauth2_credential', 'token'])).toBe((1n << 33n) + 4n);
    expect(map.toList((1n << 33n) + 4n)).toEqual(['oauth2_credential', 'token']);
    expect(map.toList(7)).toEqual(['token', 'password', 'external']);
  });

  it('keeps Keystone\u2019s quirks: unknown names add nothing, repeats add twice, stray high bits hide lower ones', () => {
    expect(map.toInteger(['totp', 'password'])).toBe(2n);
    expect(map.toInteger(['password', 'password'])).toBe(4n);
    expect(map.toList(64 + 3)).toEqual([]);
    expect(map.toList(0)).toEqual([]);
  });

  it.each([[undefined], [['password', 'token', 'totp', 'mapped', 'ec2credential']]])(
    'matches Keystone for generated method lists and integers ([auth] methods = %p)',
    (configured) => {
      if (!keystoneAvailable) return;
      const names = ['external', 'password', 'token', 'oauth1', 'mapped', 'application_credential', 'totp', 'ec2credential', 'oauth2_credential', 'x'];
      const lists = fc.sample(fc.array(fc.constantFrom(...names), { maxLength: 6 }), { numRuns: 300, seed: 5 });
      const ints = fc.sample(fc.oneof(fc.bigInt({ min: 0n, max: (1n << 34n) + 255n }), fc.bigInt({ min: 0n, max: 300n })), { numRuns: 300, seed: 6 });
      const theirs = runKeystone<unknown>({
        methods: configured,
        ops: [...lists.map((value) => ({ op: 'methods_to_int', value })), ...ints.map((v) => ({ op: 'int_to_methods', value: v.toString() }))],
      });
      const m = new AuthMethodMap(configured);
      expect([...lists.map((l) => m.toInteger(l).toString()), ...ints.map((v) => m.toList(v))]).toEqual(theirs);
    },
  );

  it('follows a custom [auth] methods order', () => {
    const custom = new AuthMethodMap(['password', 'token', 'totp']);
    expect(custom.toInteger(['totp'])).toBe(4n);
    expect(custom.toList(5)).toEqual(['totp', 'password']);
  });
});
