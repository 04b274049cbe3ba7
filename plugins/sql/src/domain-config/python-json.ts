/**
 * The text Keystone's `JsonBlob` column stores: Python's `json.dumps` with
 * its defaults (", " and ": " separators, non-ASCII escaped as \uXXXX), so a
 * row we write is byte for byte the row Keystone writes for the same value.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  switch (typeof value) {
    case 'string':
      return asciiOnly(JSON.stringify(value));
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return pythonNumber(value);
    case 'object':
      return `{${Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${asciiOnly(JSON.stringify(k))}: ${pythonJsonDumps(v)}`)
        .join(', ')}}`;
    default:
      throw new TypeError(`Object of type ${typeof value} is not JSON serializable`);
  }
}

/** Reads a stored value back; text that is not JSON (hand-edited rows) is returned as is. */
export function pythonJsonLoads(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function asciiOnly(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Numbers come from a JSON request body, so JS and Python agree on their text except for rare float forms (1e-07). */
function pythonNumber(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  return String(n);
}
