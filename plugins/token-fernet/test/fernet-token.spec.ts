/**
 * Fernet framing on node:crypto against the Fernet spec vector and against
 * Python's `cryptography` (the library Keystone uses), both directions.
 */
import { randomBytes } from 'node:crypto';
import { decodeCanonical, encodePadded, encodeUnpadded, restorePadding } from '../src/fernet/base64url';
import { FernetKey, InvalidKeyError, fernetDecrypt, fernetEncrypt, fernetTimestamp } from '../src/fernet/fernet-token';
import { keystoneAvailable, runKeystone } from './support/keystone-oracle';

// From the Fernet specification's generate.json / verify.json.
const SPEC = {
  secret: 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=',
  token: 'gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==',
  now: 499162800,
  iv: Buffer.from([...Array(16).keys()]),
  src: 'hello',
};

describe('Fernet framing', () => {
  const key = FernetKey.parse(SPEC.secret);

  it('reproduces the spec vector byte for byte', () => {
    expect(encodePadded(fernetEncrypt(key, Buffer.from(SPEC.src), { now: SPEC.now, iv: SPEC.iv }))).toBe(SPEC.token);
  });

  it('verifies and decrypts the spec vector, padded or not', () => {
    for (const t of [SPEC.token, SPEC.token.replace(/=+$/, '')]) {
      const bytes = decodeCanonical(t)!;
      expect(fernetDecrypt([key], bytes)?.toString()).toBe(SPEC.src);
      expect(fernetTimestamp(bytes)).toBe(BigInt(SPEC.now));
    }
  });

  it('tries every key (MultiFernet) and encrypts with the one given', () => {
    const keys = [0, 1, 2].map(() => FernetKey.parse(FernetKey.generateText()));
    const token = fernetEncrypt(keys[2], Buffer.from('payload'));
    expect(fernetDecrypt(keys, token)?.toString()).toBe('payload');
    expect(fernetDecrypt(keys.slice(0, 2), token)).toBeNull();
  });

  it('rejects keys that are not 32 bytes of urlsafe base64, like cryptography', () => {
    expect(() => FernetKey.parse('short')).toThrow(InvalidKeyError);
    expect(() => FernetKey.parse(Buffer.alloc(31).toString('base64url'))).toThrow(InvalidKeyError);
    // Python decodes leniently: a trailing newline in a key file is fine.
    expect(() => FernetKey.parse(FernetKey.generateText() + '\n')).not.toThrow();
  });

  it('accepts only canonical base64: no junk, no stray padding, no non-zero spare bits', () => {
    const t = encodeUnpadded(randomBytes(73 + 16)); // 89 bytes: the last character carries spare bits
    expect(decodeCanonical(t)).not.toBeNull();
    expect(decodeCanonical(restorePadding(t))).not.toBeNull();
    expect(restorePadding(t)).toBe(t + '='); // 119 characters: one pad is due
    expect(decodeCanonical(t + '==')).toBeNull();
    expect(decodeCanonical(t + '===')).toBeNull();
    expect(decodeCanonical(restorePadding(t) + '==')).toBeNull();
    expect(decodeCanonical(t.slice(0, 10) + '!' + t.slice(11))).toBeNull();
    expect(decodeCanonical(t.slice(0, 10) + '+' + t.slice(11))).toBeNull();
    const last = t[t.length - 1];
    const sibling = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('').find(
      (c) => c !== last && Buffer.from(t.slice(0, -1) + c, 'base64url').equals(Buffer.from(t, 'base64url')),
    )!;
    expect(decodeCanonical(t.slice(0, -1) + sibling)).toBeNull();
  });
});

(keystoneAvailable ? describe : describe.skip)('Fernet framing vs Python cryptography', () => {
  it('encrypts byte-identically given the same time and IV, and each side decrypts the other', () => {
    const keyTexts = [0, 1].map(() => FernetKey.generateText());
    const keys = keyTexts.map((k) => FernetKey.parse(k));
    const cases = [0, 1, 15, 16, 17, 100, 1000].map((n) => ({ data: randomBytes(n), iv: randomBytes(16), time: 1700000000 + n }));
    const ours = cases.map((c) => encodePadded(fernetEncrypt(keys[1], c.data, { now: c.time, iv: c.iv })));
    const results = runKeystone<string>({
      ops: [
        ...cases.map((c) => ({ op: 'fernet_encrypt', key: keyTexts[1], data_hex: c.data.toString('hex'), time: c.time, iv_hex: c.iv.toString('hex') })),
        ...ours.map((token) => ({ op: 'fernet_decrypt', keys: keyTexts, token })),
      ],
    });
    const theirTokens = results.slice(0, cases.length);
    expect(ours).toEqual(theirTokens);
    expect(results.slice(cases.length)).toEqual(cases.map((c) => c.data.toString('hex')));
    theirTokens.forEach((t, i) => expect(fernetDecrypt(keys, decodeCanonical(t)!)).toEqual(cases[i].data));
  });
});
