/**
 * oslo.config's INI dialect. Not plain INI, which is why this is not `ini`:
 * a repeated key adds a value (multi-valued options), indented lines continue
 * the previous value, `#`/`;` start comments only at line start, values are
 * never unquoted, and every value remembers its file and line so a bad one
 * can be reported precisely.
 */
export interface RawValue {
  value: string;
  file: string;
  line: number;
}

/** section (lower-cased except DEFAULT) → option name → values in file order */
export type RawSections = Map<string, Map<string, RawValue[]>>;

export class IniSyntaxError extends Error {}

export function parseIni(text: string, file: string, into: RawSections = new Map()): RawSections {
  let section: Map<string, RawValue[]> | null = null;
  let last: RawValue | null = null;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (/^\s*([#;].*)?$/.test(raw)) {
      return;
    }
    if (/^\s/.test(raw) && last) {
      // Continuation: oslo joins continued lines with a newline.
      last.value += '\n' + raw.trim();
      return;
    }
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      const name = header[1].trim();
      section = into.get(name) ?? new Map<string, RawValue[]>();
      into.set(name, section);
      last = null;
      return;
    }
    const kv = /^([^=:\s][^=:]*?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!kv) {
      throw new IniSyntaxError(`${file}:${lineNo}: cannot parse line: ${raw.trim()}`);
    }
    if (!section) {
      throw new IniSyntaxError(`${file}:${lineNo}: option '${kv[1]}' is outside of any [section]`);
    }
    const entry: RawValue = { value: kv[2].trim(), file, line: lineNo };
    const values = section.get(kv[1]) ?? [];
    values.push(entry);
    section.set(kv[1], values);
    last = entry;
  });
  return into;
}
