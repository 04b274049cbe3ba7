/**
 * Python's `template % mapping`, which oslo.policy applies to the right-hand
 * side of every role and generic check (`%(target.user.id)s`). A missing key is
 * a KeyError, which oslo turns into "check fails"; every other formatting
 * error (TypeError/ValueError) escapes oslo and becomes a 500 in Keystone.
 */
import { PolicyEvaluationError } from './policy.errors';
import { pyRepr, pyStr } from './python-value.util';

/** Raised for `%(missing)s`; the caller treats it as a failed check. */
export class FormatKeyMissing extends Error {
  constructor(readonly key: string) {
    super(`KeyError: '${key}'`);
  }
}

const FLAGS = '-+ #0';

/**
 * Templates made only of text, `%(key)s` and `%%` (all of Keystone's) are split
 * once into alternating text and keys: even indexes are text, odd ones keys.
 */
const SIMPLE_PIECE = /[^%]+|%%|%\(([^()]*)\)s/y;
const simpleCache = new Map<string, readonly string[] | null>();

function simpleParts(template: string): readonly string[] | null {
  let parts = simpleCache.get(template);
  if (parts === undefined) {
    parts = splitSimple(template);
    if (simpleCache.size < 10_000) simpleCache.set(template, parts);
  }
  return parts;
}

function splitSimple(template: string): string[] | null {
  const parts = [''];
  SIMPLE_PIECE.lastIndex = 0;
  while (SIMPLE_PIECE.lastIndex < template.length) {
    const m = SIMPLE_PIECE.exec(template);
    if (m === null) return null;
    if (m[1] !== undefined) parts.push(m[1], '');
    else parts[parts.length - 1] += m[0] === '%%' ? '%' : m[0];
  }
  return parts;
}

/** Formats `template` against `mapping` the way `str % dict` does for the conversions policies use. */
export function percentFormat(template: string, mapping: ReadonlyMap<string, unknown>): string {
  if (!template.includes('%')) return template;
  const parts = simpleParts(template);
  if (parts !== null) {
    let out = parts[0];
    for (let i = 1; i < parts.length; i += 2) {
      if (!mapping.has(parts[i])) throw new FormatKeyMissing(parts[i]);
      out += pyStr(mapping.get(parts[i])) + parts[i + 1];
    }
    return out;
  }
  let out = '';
  let i = 0;
  // CPython hands the whole dict to the first keyless conversion and counts a
  // keyed one as consumption too, so only a leading keyless `%s` succeeds.
  let consumed = false;
  const fail = (message: string): never => {
    throw new PolicyEvaluationError(`cannot format "${template}": ${message}`);
  };
  while (i < template.length) {
    const ch = template[i++];
    if (ch !== '%') {
      out += ch;
      continue;
    }
    if (i >= template.length) fail('incomplete format');
    if (template[i] === '%') {
      out += '%';
      i++;
      continue;
    }
    let key: string | undefined;
    if (template[i] === '(') {
      let depth = 1;
      const start = ++i;
      while (i < template.length && depth > 0) {
        if (template[i] === '(') depth++;
        else if (template[i] === ')') depth--;
        i++;
      }
      if (depth > 0) fail('incomplete format key');
      key = template.slice(start, i - 1);
    }
    const flags = new Set<string>();
    while (i < template.length && FLAGS.includes(template[i])) flags.add(template[i++]);
    const width = readNumber();
    let precision: number | undefined;
    if (template[i] === '.') {
      i++;
      precision = readNumber() ?? 0;
    }
    while (i < template.length && 'hlL'.includes(template[i])) i++;
    if (i >= template.length) fail('incomplete format');
    const conversion = template[i++];
    let value: unknown;
    if (key !== undefined) {
      if (!mapping.has(key)) throw new FormatKeyMissing(key);
      value = mapping.get(key);
    } else {
      if (consumed) fail('not enough arguments for format string');
      value = Object.fromEntries(mapping);
    }
    consumed = true;
    out += convert(conversion, value, flags, width, precision, fail);
  }
  return out;

  function readNumber(): number | undefined {
    if (template[i] === '*') throw new PolicyEvaluationError(`cannot format "${template}": * wants int`);
    const start = i;
    while (i < template.length && template[i] >= '0' && template[i] <= '9') i++;
    return i > start ? Number(template.slice(start, i)) : undefined;
  }
}

function convert(
  conversion: string,
  value: unknown,
  flags: ReadonlySet<string>,
  width: number | undefined,
  precision: number | undefined,
  fail: (message: string) => never,
): string {
  switch (conversion) {
    case 's':
    case 'r':
    case 'a': {
      let text = conversion === 's' ? pyStr(value) : pyRepr(value);
      if (conversion === 'a') text = text.replace(/[^\x00-\x7f]/gu, asciiEscape);
      if (precision !== undefined) text = Array.from(text).slice(0, precision).join('');
      return pad(text, width, flags.has('-'), ' ');
    }
    case 'd':
    case 'i':
    case 'u':
      return formatInteger(value, flags, width, precision, fail);
    default:
      // %x, %f, %c... are legal Python but meaningless in a policy; refuse rather than guess.
      return fail(`unsupported format character '${conversion}'`);
  }
}

function formatInteger(
  value: unknown,
  flags: ReadonlySet<string>,
  width: number | undefined,
  precision: number | undefined,
  fail: (message: string) => never,
): string {
  let n: bigint;
  if (typeof value === 'boolean') n = value ? 1n : 0n;
  else if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number' && Number.isFinite(value)) n = BigInt(Math.trunc(value));
  else if (typeof value === 'number') return fail('cannot convert float infinity/NaN to integer');
  else return fail(`%d format: a real number is required, not ${pyTypeName(value)}`);
  const sign = n < 0n ? '-' : flags.has('+') ? '+' : flags.has(' ') ? ' ' : '';
  let digits = (n < 0n ? -n : n).toString();
  if (precision !== undefined) digits = digits.padStart(precision, '0');
  if (width !== undefined && flags.has('0') && !flags.has('-') && precision === undefined) {
    digits = digits.padStart(width - sign.length, '0');
  }
  return pad(sign + digits, width, flags.has('-'), ' ');
}

function pad(text: string, width: number | undefined, left: boolean, fill: string): string {
  if (width === undefined) return text;
  const missing = width - Array.from(text).length;
  if (missing <= 0) return text;
  return left ? text + fill.repeat(missing) : fill.repeat(missing) + text;
}

function asciiEscape(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'dict' : typeof value;
}
