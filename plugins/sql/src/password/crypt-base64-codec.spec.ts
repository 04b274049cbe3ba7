import fc from 'fast-check';
import {
  decodeAb64,
  decodeB64s,
  decodeBcrypt64,
  decodeHash64,
  decodeHash64Int,
  encodeAb64,
  encodeB64s,
  encodeBcrypt64,
  encodeHash64,
} from './crypt-base64-codec';

const bytes = fc.uint8Array({ maxLength: 100 }).map((a) => Buffer.from(a));

describe('crypt base64 dialects', () => {
  it.each([
    ['b64s', encodeB64s, decodeB64s],
    ['ab64', encodeAb64, decodeAb64],
    ['bcrypt64', encodeBcrypt64, decodeBcrypt64],
    ['hash64', encodeHash64, decodeHash64],
  ] as const)('%s round-trips any bytes, unpadded', (_name, encode, decode) => {
    fc.assert(
      fc.property(bytes, (b) => {
        const text = encode(b);
        expect(text).not.toContain('=');
        expect(text.length).toBe(Math.ceil((b.length * 4) / 3));
        expect(decode(text)).toEqual(b);
      }),
    );
  });

  it('uses the alphabet each format is known by', () => {
    const b = Buffer.from([0xfb, 0xff, 0xbf, 0x00]);
    expect(encodeB64s(b)).toBe('+/+/AA');
    expect(encodeAb64(b)).toBe('././AA');
    expect(encodeBcrypt64(Buffer.from([0, 0, 0]))).toBe('....');
    // crypt(3) order: '.' is 0, '/' is 1, then digits; little-endian groups.
    expect(encodeHash64(Buffer.from([1, 0, 0]))).toBe('/...');
  });

  it('ab64 also reads the standard "+" (passlib does)', () => {
    expect(decodeAb64('+/+/AA')).toEqual(decodeAb64('././AA'));
  });

  it.each([
    ['b64s', decodeB64s, 'ab.c'],
    ['ab64', decodeAb64, 'ab$c'],
    ['bcrypt64', decodeBcrypt64, 'ab+c'],
    ['hash64', decodeHash64, 'ab+c'],
  ] as const)('%s refuses characters outside its alphabet', (_name, decode, text) => {
    expect(decode(text)).toBeNull();
  });

  it('refuses lengths of 1 mod 4, which cannot hold a byte', () => {
    for (const decode of [decodeB64s, decodeAb64, decodeBcrypt64, decodeHash64]) expect(decode('abcde')).toBeNull();
  });

  it('reads little-endian hash64 integers ($7$ headers)', () => {
    expect(decodeHash64Int('2')).toBe(4);
    expect(decodeHash64Int('6....')).toBe(8);
    expect(decodeHash64Int('/....')).toBe(1);
    expect(decodeHash64Int('./...')).toBe(64);
    expect(decodeHash64Int('!')).toBeNull();
  });
});
