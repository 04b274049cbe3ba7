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
      if (value === '' && def.default === null) return null;
      const n = def.type === 'integer' ? parseStrictInt(value) : Number(value);
      if (n === null || Number.isNaN(n)) {
        throw new OptionValueError(`must be ${def.type === 'integer' ? 'an integer' : 'a number'}`);
      }
      if (def.min !== undefined && n < def.min) throw new OptionValueError(`must be >= ${def.min}`);
      if (def.max !== undefined && n > def.max) throw new OptionValueError(`must be <= ${def.max}`);
      if (def.choices && !def.choices.includes(String(n))) {
        throw new OptionValueError(`must be one of ${def.choices.join(', ')}`);
      }
      return n;
    }
    case 'list':
      return splitList(value);
    case 'dict':
      return Object.fromEntries(
        splitList(value).map((pair) => {
          const i = pair.indexOf(':');
          if (i < 0) throw new OptionValueError(`'${pair}' is not a key:value pair`);
          return [pair.slice(0, i).trim(), pair.slice(i + 1).trim()];
        }),
      );
  }
}

function parseStrictInt(value: string): number | null {
  return /^[+-]?\d+$/.test(value.trim()) ? Number.parseInt(value, 10) : null;
}

/** oslo ListOpt: comma separated, whitespace trimmed, empty string → []. */
export function splitList(value: string): string[] {
  if (value.trim() === '') return [];
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}
