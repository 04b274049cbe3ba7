/**
 * Python's `template % mapping` for endpoint URL templates, which Keystone
 * formats after turning `$(` into `%(`. Failures keep Python's three kinds
 * (KeyError, TypeError, ValueError) because Keystone treats a KeyError on a
 * project key differently from everything else. Evaluation is left to
 * right and stops at the first failure, as CPython's does.
 */
export type PyScalar = string | number | boolean | null;

export type PercentResult =
  | { ok: true; text: string }
  | { ok: false; error: 'KeyError'; key: string | null }
  | { ok: false; error: 'TypeError' | 'ValueError' };

export interface PercentMapping {
  /** The value, or `{ missing: key }` (`key` null for a KeyError without argument). */
  lookup(key: string): { value: PyScalar } | { missing: string | null };
  /** What a keyless `%s` prints when the whole mapping is the argument; null = refuse it. */
  keylessText: string | null;
}

const FLAGS = '-+ #0';

export function percentFormat(template: string, mapping: PercentMapping): PercentResult {
  let out = '';
  let i = 0;
  let consumed = false;
  const fail = (error: 'TypeError' | 'ValueError'): PercentResult => ({ ok: false, error });
  while (i < template.length) {
    const ch = template[i++];
    if (ch !== '%') {
      out += ch;
      continue;
    }
    if (i >= template.length) return fail('ValueError');
    let value: PyScalar | undefined;
    let keyed = false;
    if (template[i] === '(') {
      let depth = 1;
      const start = ++i;
      while (i < template.length && depth > 0) {
        if (template[i] === '(') depth++;
        else if (template[i] === ')') depth--;
        i++;
      }
      if (depth > 0) return fail('ValueError');
      const found = mapping.lookup(template.slice(start, i - 1));
      if ('missing' in found) return { ok: false, error: 'KeyError', key: found.missing };
      value = found.value;
      keyed = true;
    }
    const flags = new Set<string>();
    while (i < template.length && FLAGS.includes(template[i])) flags.add(template[i++]);
    if (template[i] === '*') return fail('TypeError');
    const width = readInt();
    let precision: number | undefined;
    if (template[i] === '.') {
      i++;
      if (template[i] === '*') return fail('TypeError');
      precision = readInt() ?? 0;
    }
    while (i < template.length && 'hlL'.includes(template[i])) i++;
    if (i >= template.length) return fail('ValueError');
    const conv = template[i++];
    if (conv === '%') {
      // `%(key)%` looked its key up, then fails: a literal percent takes no argument.
      if (keyed) return fail('ValueError');
      out += '%';
      continue;
    }
    if (!keyed) {
      // CPython hands the whole mapping to a keyless conversion, once, and only before any keyed one.
      if (consumed || mapping.keylessText === null || !'sra'.includes(conv)) return fail('TypeError');
      value = mapping.keylessText;
    }
    consumed = true;
    const text = convert(conv, value as PyScalar, flags, precision);
    if (text === 'TypeError' || text === 'ValueError') return fail(text);
    out += pad(text.body, text.sign, width, flags, text.numeric);
  }
  return { ok: true, text: out };

  function readInt(): number | undefined {
    const start = i;
    while (i < template.length && template[i] >= '0' && template[i] <= '9') i++;
    return i > start ? Number(template.slice(start, i)) : undefined;
  }
}

type Converted = { body: string; sign: string; numeric: boolean } | 'TypeError' | 'ValueError';

function convert(conv: string, v: PyScalar, flags: Set<string>, precision: number | undefined): Converted {
  const text = (body: string): Converted => ({ body: precision === undefined ? body : body.slice(0, precision), sign: '', numeric: false });
  switch (conv) {
    case 's':
      return text(pyStr(v));
    case 'r':
      return text(pyRepr(v, false));
    case 'a':
      return text(pyRepr(v, true));
    case 'c':
      if (typeof v === 'string') return v.length === 1 ? text(v) : 'TypeError';
      if (typeof v !== 'number' && typeof v !== 'boolean') return 'TypeError';
      if (typeof v === 'number' && !Number.isInteger(v)) return 'TypeError';
      if (Number(v) < 0 || Number(v) > 0x10ffff) return 'TypeError';
      return text(String.fromCodePoint(Number(v)));
    default:
      return number(conv, v, flags, precision);
  }
}

function number(conv: string, v: PyScalar, flags: Set<string>, precision: number | undefined): Converted {
  if (typeof v !== 'number' && typeof v !== 'boolean') return unknownConv(conv);
  const n = Number(v);
  const sign = n < 0 ? '-' : flags.has('+') ? '+' : flags.has(' ') ? ' ' : '';
  const abs = Math.abs(n);
  const done = (body: string): Converted => ({ body, sign, numeric: true });
  const digits = (s: string) => (precision !== undefined && s.length < precision ? s.padStart(precision, '0') : s);
  switch (conv) {
    case 'd':
    case 'i':
    case 'u':
      return done(digits(String(Math.trunc(abs))));
    case 'o':
    case 'x':
    case 'X': {
      if (!Number.isInteger(n)) return 'TypeError';
      const base = conv === 'o' ? 8 : 16;
      let body = digits(abs.toString(base));
      if (conv === 'X') body = body.toUpperCase();
      if (flags.has('#')) body = (conv === 'o' ? '0o' : conv === 'x' ? '0x' : '0X') + body;
      return done(body);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      const body = floatText(conv.toLowerCase(), abs, precision ?? 6, flags.has('#'));
      return done(conv === conv.toUpperCase() ? body.toUpperCase() : body);
    }
    default:
      return 'ValueError';
  }
}

function unknownConv(conv: string): 'ValueError' | 'TypeError' {
  return 'diuoxXeEfFgG'.includes(conv) ? 'TypeError' : 'ValueError';
}

function floatText(conv: string, abs: number, precision: number, alt: boolean): string {
  const exp = (s: string) => s.replace(/e([+-])(\d)$/, 'e$10$2');
  if (conv === 'f') return abs.toFixed(precision);
  if (conv === 'e') return exp(abs.toExponential(precision));
  const p = precision === 0 ? 1 : precision;
  const x = abs === 0 ? 0 : Number(abs.toExponential(p - 1).split('e')[1]);
  const body = x >= -4 && x < p ? abs.toFixed(p - 1 - x) : exp(abs.toExponential(p - 1));
  if (alt) return body;
  // %g drops trailing zeros, and the point when nothing follows it.
  const [mantissa, exponent] = body.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
}

function pad(body: string, sign: string, width: number | undefined, flags: Set<string>, numeric: boolean): string {
  const len = sign.length + body.length;
  if (width === undefined || len >= width) return sign + body;
  if (flags.has('-')) return sign + body + ' '.repeat(width - len);
  if (flags.has('0') && numeric) {
    const prefix = /^0[xXo]/.test(body) ? body.slice(0, 2) : '';
    return sign + prefix + body.slice(prefix.length).padStart(width - sign.length - prefix.length, '0');
  }
  return ' '.repeat(width - len) + sign + body;
}

export function pyStr(v: PyScalar): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

/** Python's repr/ascii of a str or scalar. */
export function pyRepr(v: PyScalar, ascii: boolean): string {
  if (typeof v !== 'string') return pyStr(v);
  const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of v) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f || (ascii && cp > 0x7f)) out += cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
    else out += ch;
  }
  return out + quote;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}
