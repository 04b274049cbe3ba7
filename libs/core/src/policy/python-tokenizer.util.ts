/**
 * A tokenizer for the Python expression text that can appear on the left of a
 * generic check (`True:...`, `'Member':...`, `1:...`, `user.domain.id:...`).
 * oslo hands that text to ast.literal_eval; we need just enough of Python's
 * lexical grammar to tell a literal from a name and a name from a SyntaxError.
 */
import { PolicyEvaluationError } from './policy.errors';

export type PyToken =
  | { readonly t: 'name'; readonly v: string }
  | { readonly t: 'int'; readonly v: bigint }
  | { readonly t: 'float'; readonly v: number }
  | { readonly t: 'imaginary' }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'bytes'; readonly v: readonly number[] }
  | { readonly t: 'fstring' }
  | { readonly t: 'op'; readonly v: string };

const KEYWORDS = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for ' +
    'from global if import in is lambda nonlocal not or pass raise return try while with yield').split(' '),
);
const OPERATORS = ['...', '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '->', '+', '-', '*', '/', '%', '@',
  '&', '|', '^', '~', '<', '>', '(', ')', '[', ']', '{', '}', ',', '.', '=', ';'];
const NAME_RE = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const NUMBER_RE = new RegExp(
  [
    '0[xX](?:_?[0-9a-fA-F])+',
    '0[oO](?:_?[0-7])+',
    '0[bB](?:_?[01])+',
    '(?:[0-9](?:_?[0-9])*\\.(?:[0-9](?:_?[0-9])*)?|\\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?[jJ]?',
    '[0-9](?:_?[0-9])*(?:[eE][+-]?[0-9](?:_?[0-9])*)?[jJ]?',
  ].join('|'),
  'y',
);
const STRING_PREFIX_RE = /(?:[rR][bBfF]?|[bBfF][rR]?|[uU])?(?='|")/y;
const SIMPLE_ESCAPES: Record<string, number> = { '\\': 92, "'": 39, '"': 34, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };

export function isKeyword(word: string): boolean {
  return KEYWORDS.has(word);
}

export function syntaxError(text: string, why: string): PolicyEvaluationError {
  return new PolicyEvaluationError(`SyntaxError in check "${text}": ${why}`);
}

/** Splits `text` into Python tokens; throws the SyntaxError Python would raise. */
export function tokenizePython(text: string): PyToken[] {
  const tokens: PyToken[] = [];
  let i = 0;
  let depth = 0;
  const at = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(text);
    return m ? m[0] : undefined;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\f') { i++; continue; }
    if (ch === '\n' || ch === '\r') {
      // Newlines only join lines inside brackets; a trailing one is harmless.
      if (depth === 0 && text.slice(i).trim() !== '') throw syntaxError(text, 'invalid syntax');
      i++;
      continue;
    }
    if (ch === '#') break; // a comment runs to the end of the line
    const prefix = at(STRING_PREFIX_RE);
    if (prefix !== undefined) { tokens.push(readString(prefix)); continue; }
    const number = /[0-9.]/.test(ch) && (ch !== '.' || /[0-9]/.test(text[i + 1] ?? '')) ? at(NUMBER_RE) : undefined;
    if (number !== undefined) {
      i += number.length;
      if (/[\p{L}\p{N}_]/u.test(text[i] ?? '')) throw syntaxError(text, 'invalid decimal literal');
      tokens.push(numberToken(number));
      continue;
    }
    const name = at(NAME_RE);
    if (name !== undefined) { i += name.length; tokens.push({ t: 'name', v: name.normalize('NFKC') }); continue; }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op === undefined) throw syntaxError(text, `invalid character '${ch}'`);
    if ('([{'.includes(op)) depth++;
    if (')]}'.includes(op)) depth--;
    i += op.length;
    tokens.push({ t: 'op', v: op });
  }
  return tokens;

  function readString(prefix: string): PyToken {
    const lower = prefix.toLowerCase();
    const raw = lower.includes('r');
    const bytes = lower.includes('b');
    i += prefix.length;
    const quote = text.startsWith(text[i].repeat(3), i) ? text[i].repeat(3) : text[i];
    i += quote.length;
    const units: number[] = [];
    for (;;) {
      if (i >= text.length) throw syntaxError(text, 'unterminated string literal');
      if (text.startsWith(quote, i)) { i += quote.length; break; }
      const c = text[i];
      if (quote.length === 1 && (c === '\n' || c === '\r')) throw syntaxError(text, 'unterminated string literal');
      if (c !== '\\') { pushChar(units, c, bytes); i++; continue; }
      const next = text[i + 1];
      if (next === undefined) throw syntaxError(text, 'unterminated string literal');
      if (raw) { units.push(92); pushChar(units, next, bytes); i += 2; continue; }
      i += 2;
      if (next in SIMPLE_ESCAPES) units.push(SIMPLE_ESCAPES[next]);
      else if (next === '\n') continue;
      else if (/[0-7]/.test(next)) {
        let digits = next;
        while (digits.length < 3 && /[0-7]/.test(text[i] ?? '')) digits += text[i++];
        units.push(parseInt(digits, 8));
      } else if (next === 'x' || (!bytes && (next === 'u' || next === 'U'))) {
        const len = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = text.slice(i, i + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw syntaxError(text, `truncated \\${next} escape`);
        units.push(parseInt(hex, 16));
        i += len;
      } else if (!bytes && next === 'N') {
        throw syntaxError(text, '\\N{...} escapes are not supported here');
      } else {
        units.push(92); // unknown escapes keep their backslash
        pushChar(units, next, bytes);
      }
    }
    if (lower.includes('f')) return { t: 'fstring' };
    if (bytes) return { t: 'bytes', v: units };
    return { t: 'str', v: String.fromCodePoint(...units) };
  }

  function pushChar(units: number[], c: string, bytes: boolean): void {
    const cp = c.codePointAt(0) ?? 0;
    if (bytes && cp > 0x7f) throw syntaxError(text, 'bytes can only contain ASCII literal characters');
    units.push(cp);
  }
}

function numberToken(literal: string): PyToken {
  const clean = literal.replace(/_/g, '');
  if (/[jJ]$/.test(clean)) return { t: 'imaginary' };
  if (/^0[xXoObB]/.test(clean)) return { t: 'int', v: BigInt(clean) };
  if (/[.eE]/.test(clean)) return { t: 'float', v: Number(clean) };
  if (/^0+[1-9]/.test(clean)) {
    throw syntaxError(literal, 'leading zeros in decimal integer literals are not permitted');
  }
  return { t: 'int', v: BigInt(clean) };
}
