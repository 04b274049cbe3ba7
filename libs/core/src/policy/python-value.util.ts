/**
 * How Python would print a JSON-ish value. oslo.policy compares strings built
 * with str() and %-formatting, so `True`, `None`, `1.0` and `['a']` must come
 * out exactly as CPython renders them, not as JavaScript does.
 */

/** Python's str(). */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/** Python's repr() for the values a policy check can meet (JSON data plus bigint). */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  switch (typeof value) {
    case 'string':
      return pyStringRepr(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'bigint':
      return value.toString();
    case 'number': {
      // What Python prints for this number after a JSON round trip: JSON text
      // without '.'/'e' is an int to json.loads, anything else a float.
      const text = String(value);
      return Number.isFinite(value) && !/[.eE]/.test(text) ? text : pyFloatRepr(value);
    }
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyStringRepr(k)}: ${pyRepr(v)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

/** repr() of a float: shortest round-trip digits, fixed notation for exponents in [-4, 16). */
export function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mantissa, expPart] = n.toExponential().split('e');
  const exp = Number(expPart);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exp >= -4 && exp < 16) {
    let text: string;
    if (exp < 0) text = `0.${'0'.repeat(-exp - 1)}${digits}`;
    else if (digits.length <= exp + 1) text = `${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
    else text = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
    return sign + text;
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expText = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return `${sign}${head}e${expText}`;
}

/** repr() of a str: single quotes unless only double quotes avoid escaping. */
export function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && /[\p{C}\p{Z}]/u.test(ch)) out += escapeCodePoint(ch.codePointAt(0) ?? 0);
    else out += ch;
  }
  return out + quote;
}

function escapeCodePoint(cp: number): string {
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** Python truthiness, used where oslo writes `if creds.get(...)`. */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

/** A value Python would see as a dict (what oslo indexes into and Keystone flattens). */
export function isPyDict(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return true; // the hot path: JSON-ish data
  return !(value instanceof Date || value instanceof Map || value instanceof Set || ArrayBuffer.isView(value));
}

/** Own-property read: a policy key like `constructor` must never reach Object.prototype. */
export function ownValue(obj: object, key: string): { found: boolean; value?: unknown } {
  if (!Object.prototype.hasOwnProperty.call(obj, key)) return { found: false };
  const value = (obj as Record<string, unknown>)[key];
  // JSON has no undefined: a key set to undefined is a key the caller did not set.
  return value === undefined ? { found: false } : { found: true, value };
}
