/**
 * Python's `int(text, base)` for bases 10 and 16, as CPython 3.11 parses it.
 *
 * Keystone decides whether an id is packed as 16 bytes by asking
 * `uuid.UUID(id)`, which ends in `int(hex, 16)`; and it numbers key files with
 * `int(filename)`. Both accept more than plain digits (surrounding
 * whitespace, a '+' sign, a '0x' prefix, single underscores between digits,
 * and any Unicode decimal digit), so ids such as ' +0x…' or Arabic-Indic
 * digits are packed as bytes by Keystone and must be here too.
 */

/** Code points of every Unicode 14.0 (Python 3.11) decimal digit zero; each starts a run of ten. */
const DIGIT_ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0,
  0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620,
  0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0,
  0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60,
  0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/** Non-ASCII code points for which Python's `str.isspace()` is true. */
const UNICODE_SPACES = new Set([
  0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** ASCII whitespace as C's isspace (what PyLong_FromString skips). */
const ASCII_SPACE = /[ \t\n\v\f\r]/;

function unicodeDecimal(cp: number): number {
  for (const zero of DIGIT_ZEROS) {
    if (cp >= zero && cp < zero + 10) return cp - zero;
  }
  return -1;
}

/** `_PyUnicode_TransformDecimalAndSpaceToASCII`: null where CPython would put '?'. */
function toAscii(text: string): string | null {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 127) out += ch;
    else if (UNICODE_SPACES.has(cp)) out += ' ';
    else {
      const d = unicodeDecimal(cp);
      if (d < 0) return null;
      out += String.fromCharCode(0x30 + d);
    }
  }
  return out;
}

function digitValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return 99;
}

/** `int(text, base)`; returns null where Python raises ValueError. */
export function pythonInt(text: string, base: 10 | 16): bigint | null {
  const s = toAscii(text);
  if (s === null || s.includes('\0')) return null;
  let i = 0;
  while (i < s.length && ASCII_SPACE.test(s[i])) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') {
    negative = s[i] === '-';
    i++;
  }
  if (base === 16 && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    i += 2;
    if (s[i] === '_') i++; // one underscore may follow the prefix
  }
  if (s[i] === '_') return null;
  let value = 0n;
  let digits = 0;
  let prevUnderscore = false;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '_') {
      if (prevUnderscore) return null;
      prevUnderscore = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= base) break;
    value = value * BigInt(base) + BigInt(d);
    digits++;
    prevUnderscore = false;
  }
  if (digits === 0 || prevUnderscore) return null;
  while (i < s.length && ASCII_SPACE.test(s[i])) i++;
  if (i !== s.length) return null;
  return negative ? -value : value;
}
