import type { OptionDef } from '@keystone-ts/plugin-sdk';

/** Why a raw value is refused; the caller adds file, section and option. */
export class OptionValueError extends Error {}

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

/** Converts one raw string (or the multi list) as oslo.config types do. */
export function convertOptionValue(def: OptionDef, raw: string[]): unknown {
  if (def.type === 'multi') {
    return raw;
  }
  // oslo: for a single-valued option the last occurrence wins.
  const value = raw[raw.length - 1];
  switch (def.type) {
    case 'string':
      if (def.choices && !def.choices.includes(value)) {
        throw new OptionValueError(`must be one of ${def.choices.join(', ')}`);
      }
      return value;
    case 'boolean': {
      const v = value.toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      throw new OptionValueError('must be a boolean (true/false, yes/no, on/off, 1/0)');
    }
    case 'integer':
    case 'float': {
      // oslo Number: surrounding whitespace ignored; empty means "unset".
      const text = value.trim();
      if (text === '' && def.default == null) return null;
      const n = def.type === 'integer' ? parseStrictInt(text) : parsePythonFloat(text);
      if (n === null) {
        throw new OptionValueError(`must be ${def.type === 'integer' ? 'an integer' : 'a number'}`);
      }
      if (def.choices) {
        if (!def.choices.includes(String(n))) throw new OptionValueError(`must be one of ${def.choices.join(', ')}`);
      } else {
        if (def.min !== undefined && n < def.min) throw new OptionValueError(`must be >= ${def.min}`);
        if (def.max !== undefined && n > def.max) throw new OptionValueError(`must be <= ${def.max}`);
      }
      return n;
    }
    case 'list':
      return splitList(value);
    case 'dict':
      return parseDict(value);
  }
}

/** Python int(): optional sign, digits with single underscores between them. */
function parseStrictInt(value: string): number | null {
  return /^[+-]?\d+(_\d+)*$/.test(value) ? Number.parseInt(value.replace(/_/g, ''), 10) : null;
}

/** Python float(): decimal/exponent notation, inf/infinity/nan in any case; not JS's '' → 0 or hex. */
function parsePythonFloat(value: string): number | null {
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(value);
  if (special) {
    if (special[2].toLowerCase() === 'nan') return Number.NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!/^[+-]?(\d+(_\d+)*(\.(\d+(_\d+)*)?)?|\.\d+(_\d+)*)([eE][+-]?\d+(_\d+)*)?$/.test(value)) return null;
  return Number(value.replace(/_/g, ''));
}

/**
 * oslo ListOpt: trailing commas dropped, split on commas, each item trimmed;
 * empty items are kept (`a,,b` → ['a', '', 'b']), an empty string is [].
 */
export function splitList(value: string): string[] {
  const s = value.trim().replace(/,+$/, '');
  if (s === '') return [];
  return s.split(',').map((item) => item.trim());
}

/**
 * oslo DictOpt: `key:value` pairs separated by commas. A piece without ':'
 * is joined with the next one (oslo's retry), keys must be non-empty and unique.
 */
function parseDict(value: string): Record<string, string> {
  const result: Record<string, string> = {};
  const s = value.trim();
  if (s === '') return result;
  const pieces = s.split(',');
  while (pieces.length) {
    let pair = pieces.shift()!;
    while (!pair.includes(':')) {
      if (!pieces.length) throw new OptionValueError('must be key:value pairs separated by ","');
      pair += ',' + pieces.shift();
    }
    const i = pair.indexOf(':');
    const key = pair.slice(0, i).trim();
    if (key === '') throw new OptionValueError('a key name must not be empty');
    if (Object.prototype.hasOwnProperty.call(result, key)) throw new OptionValueError(`duplicate key '${key}'`);
    result[key] = pair.slice(i + 1).trim();
  }
  return result;
}
