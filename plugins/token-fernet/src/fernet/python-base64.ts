/**
 * Python's `base64.urlsafe_b64decode`, bug for bug.
 *
 * Keystone decodes key files and audit ids with it, and it is lenient:
 * characters outside the alphabet are skipped, decoding stops at the first
 * complete pad sequence, and both alphabets ('-_' and '+/') are accepted.
 * Key files written by hand (trailing newline) and audit ids must decode
 * exactly as Keystone decodes them, so this mirrors CPython's non-strict
 * `binascii.a2b_base64`.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const TABLE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) TABLE[ALPHABET.charCodeAt(i)] = i;

export class PythonBase64Error extends Error {}

export function pythonUrlsafeB64Decode(text: string): Buffer {
  // _bytes_from_decode_data: a str must be pure ASCII.
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) throw new PythonBase64Error('string argument should contain only ASCII characters');
  }
  const s = text.replace(/-/g, '+').replace(/_/g, '/');
  const out: number[] = [];
  let quadPos = 0;
  let leftChar = 0;
  let pads = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 0x3d /* '=' */) {
      // CPython only counts pads once two data characters of the quad are in.
      if (quadPos >= 2 && quadPos + ++pads >= 4) return Buffer.from(out);
      continue;
    }
    const v = TABLE[ch];
    if (v < 0) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        quadPos = 1;
        leftChar = v;
        break;
      case 1:
        quadPos = 2;
        out.push(((leftChar << 2) | (v >> 4)) & 0xff);
        leftChar = v & 0x0f;
        break;
      case 2:
        quadPos = 3;
        out.push(((leftChar << 4) | (v >> 2)) & 0xff);
        leftChar = v & 0x03;
        break;
      default:
        quadPos = 0;
        out.push(((leftChar << 6) | v) & 0xff);
        leftChar = 0;
    }
  }
  if (quadPos === 1) {
    throw new PythonBase64Error('Invalid base64-encoded string: number of data characters cannot be 1 more than a multiple of 4');
  }
  if (quadPos !== 0) throw new PythonBase64Error('Incorrect padding');
  return Buffer.from(out);
}
