/**
 * oslo.config's INI dialect (oslo_config/iniparser.py), not plain INI, which
 * is why this is not `ini`: a repeated key adds a value (multi-valued
 * options), lines indented with a space or tab continue the previous value
 * (joined with "\n") until a blank line, `#`/`;` start comments only in the
 * first column, a value wholly enclosed in matching quotes loses them, and
 * section names other than DEFAULT are case-insensitive (lower-cased, as
 * oslo normalizes them). Every value remembers its file and line so a bad one
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

/** oslo's `_normalize_group_name`: DEFAULT stays, everything else is lower-cased. */
export function normalizeSection(name: string): string {
  return name === 'DEFAULT' ? name : name.toLowerCase();
}

export function parseIni(text: string, file: string, into: RawSections = new Map()): RawSections {
  let section: Map<string, RawValue[]> | null = null;
  // The assignment being read (continuation lines append to it); null after a blank line.
  let pending: { entry: RawValue; parts: string[] } | null = null;
  const flush = () => {
    if (pending) pending.entry.value = pending.parts.join('\n');
    pending = null;
  };
  const fail = (lineNo: number, msg: string, raw: string): never => {
    throw new IniSyntaxError(`${file}:${lineNo}: ${msg}: ${raw.trim()}`);
  };
  // Python's universal newlines: \r\n, \r and \n all end a line.
  text.split(/\r\n|\r|\n/).forEach((rawLine, index) => {
    const lineNo = index + 1;
    const line = rawLine.replace(/\s+$/, '');
    if (line === '') {
      flush();
      return;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (!pending) fail(lineNo, 'unexpected continuation line', line);
      pending!.parts.push(line.replace(/^\s+/, ''));
      return;
    }
    flush();
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) fail(lineNo, 'invalid section (must end with ])', line);
      if (line.length <= 2) fail(lineNo, 'empty section name', line);
      const name = normalizeSection(line.slice(1, -1));
      section = into.get(name) ?? new Map<string, RawValue[]>();
      into.set(name, section);
      return;
    }
    if (line.startsWith('#') || line.startsWith(';')) {
      return;
    }
    const colon = line.indexOf(':');
    const equal = line.indexOf('=');
    if (colon < 0 && equal < 0) fail(lineNo, "no ':' or '=' found in assignment", line);
    const sep = colon < 0 || (equal >= 0 && equal < colon) ? equal : colon;
    const key = line.slice(0, sep).trim();
    let value = line.slice(sep + 1).trim();
    if (value && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'")) {
      value = value.slice(1, -1);
    }
    if (!key) fail(lineNo, 'key cannot be empty', line);
    if (!section) fail(lineNo, `option '${key}' is outside of any [section]`, line);
    const entry: RawValue = { value, file, line: lineNo };
    const values = section!.get(key) ?? [];
    values.push(entry);
    section!.set(key, values);
    pending = { entry, parts: [value] };
  });
  flush();
  return into;
}
