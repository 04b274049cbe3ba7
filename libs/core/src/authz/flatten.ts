/** Keystone's `utils.flatten_dict`: {a: {b: 1}} → {'a.b': 1}; lists stay values. */
export function flattenDict(input: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(input)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      flattenDict(v as Record<string, unknown>, key, out);
    } else {
      out[key] = v;
    }
  }
  return out;
}
