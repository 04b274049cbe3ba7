/**
 * oslo.config interpolation (a `string.Template` with the identifier pattern
 * `[_a-z][._a-z0-9]*`, case-insensitive): `$name` / `${name}` refer to an
 * option of the same group, else of [DEFAULT]; `$group.name` /
 * `${group.name}` to another group's option; `$$` and `\$` are a literal `$`;
 * a `$` not followed by an identifier (`pa$5word`, `a$`, `$ x`) stays as
 * written. `lookup` returns the referenced option's value as oslo would
 * stringify it ('' for unset), or undefined when no such option is registered.
 */
export class InterpolationError extends Error {
  constructor(
    message: string,
    /** The same reason without the reference itself, for secret values. */
    readonly maskedMessage: string,
  ) {
    super(message);
  }
}

const TEMPLATE = /\$(?:(\$)|([_a-z][._a-z0-9]*)|\{([_a-z][._a-z0-9]*)\})/gi;

export function interpolate(
  value: string,
  group: string,
  lookup: (group: string, name: string) => string | undefined,
): string {
  return value.replace(/\\\$/g, '$$$$').replace(TEMPLATE, (m, escaped, bare, braced) => {
    if (escaped) return '$';
    const ref: string = bare ?? braced;
    const dot = ref.indexOf('.');
    const found =
      dot >= 0
        ? lookup(ref.slice(0, dot), ref.slice(dot + 1))
        : lookup(group, ref) ?? (group === 'DEFAULT' ? undefined : lookup('DEFAULT', ref));
    if (found === undefined) {
      throw new InterpolationError(
        `$${ref} refers to an unknown option (write $$ for a literal $)`,
        'a $ reference names an unknown option (write $$ for a literal $)',
      );
    }
    return found;
  });
}

/** How Python's str() renders a converted option value inside a template. */
export function pythonStr(value: unknown, type?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return type === 'float' && Number.isInteger(value) ? `${value}.0` : String(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => pythonRepr(v)).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
  }
  return String(value);
}

function pythonRepr(v: unknown): string {
  if (typeof v !== 'string') return pythonStr(v);
  const q = v.includes("'") && !v.includes('"') ? '"' : "'";
  return q + v.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`) + q;
}
