/**
 * oslo's GenericCheck first tries `ast.literal_eval(kind)`: a literal on the
 * left (`True:%(user.enabled)s`, `'admin':%(role.name)s`, `1:...`) is compared
 * as str(literal); a ValueError (any non-literal expression, e.g. `user.id`)
 * means "look the kind up in the credentials"; a SyntaxError escapes oslo.
 * This module reproduces that three-way outcome for expression text.
 */
import { PolicyEvaluationError } from './policy.errors';
import { pyFloatRepr, pyStringRepr } from './python-value.util';
import { isKeyword, PyToken, syntaxError, tokenizePython } from './python-tokenizer.util';

/** `literal`: compare against `text`; `lookup`: walk the credentials by the dotted kind. */
export type KindMeaning = { readonly type: 'literal'; readonly text: string } | { readonly type: 'lookup' };

type Lit =
  | { t: 'int'; v: bigint }
  | { t: 'float'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bytes'; v: readonly number[] }
  | { t: 'bool'; v: boolean }
  | { t: 'none' | 'ellipsis' | 'emptyset' | 'emptydict' }
  | { t: 'tuple' | 'list' | 'set'; items: Lit[] };
/** A parsed node: a literal, or an expression literal_eval would refuse (ValueError). */
type Node = { lit: Lit } | { refused: true; name?: string } | { signed: Lit };

const REFUSED: Node = { refused: true };
const cache = new Map<string, KindMeaning | PolicyEvaluationError>();

/** Classifies a check's kind; throws PolicyEvaluationError where Python raises SyntaxError. */
export function classifyKind(kind: string): KindMeaning {
  let meaning = cache.get(kind);
  if (meaning === undefined) {
    try {
      meaning = classify(kind);
    } catch (e) {
      if (!(e instanceof PolicyEvaluationError)) throw e;
      meaning = e;
    }
    if (cache.size < 10_000) cache.set(kind, meaning);
  }
  if (meaning instanceof PolicyEvaluationError) throw meaning;
  return meaning;
}

function classify(kind: string): KindMeaning {
  // Fast path: the overwhelmingly common `user_id` / `token.domain.id` shape.
  if (/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(kind) && !kind.split('.').some(isKeyword)) {
    return { type: 'lookup' };
  }
  const source = kind.replace(/^[ \t]+/, ''); // literal_eval strips leading blanks
  const node = new ExpressionParser(source, tokenizePython(source)).parseAll();
  if ('lit' in node) return { type: 'literal', text: litStr(node.lit) };
  if ('signed' in node) return { type: 'literal', text: litStr(node.signed) };
  return { type: 'lookup' };
}

function litStr(lit: Lit): string {
  return lit.t === 'str' ? lit.v : litRepr(lit);
}

function litRepr(lit: Lit): string {
  switch (lit.t) {
    case 'int': return lit.v.toString();
    case 'float': return pyFloatRepr(lit.v);
    case 'str': return pyStringRepr(lit.v);
    case 'bytes': return bytesRepr(lit.v);
    case 'bool': return lit.v ? 'True' : 'False';
    case 'none': return 'None';
    case 'ellipsis': return 'Ellipsis';
    case 'emptyset': return 'set()';
    case 'emptydict': return '{}';
    case 'tuple': return lit.items.length === 1 ? `(${litRepr(lit.items[0])},)` : `(${lit.items.map(litRepr).join(', ')})`;
    case 'list': return `[${lit.items.map(litRepr).join(', ')}]`;
    case 'set':
      // A set prints in hash order; only a one-element set is predictable.
      if (lit.items.length === 1) return `{${litRepr(lit.items[0])}}`;
      throw new PolicyEvaluationError('set literals are not supported in a check kind');
  }
}

function bytesRepr(bytes: readonly number[]): string {
  const quote = bytes.includes(39) && !bytes.includes(34) ? '"' : "'";
  const body = bytes.map((b) => {
    const ch = String.fromCharCode(b);
    if (ch === quote || ch === '\\') return `\\${ch}`;
    if (b === 9) return '\\t';
    if (b === 10) return '\\n';
    if (b === 13) return '\\r';
    if (b < 32 || b >= 127) return `\\x${b.toString(16).padStart(2, '0')}`;
    return ch;
  });
  return `b${quote}${body.join('')}${quote}`;
}

/** Recursive descent over Python's expression grammar, keeping only what literal_eval accepts. */
class ExpressionParser {
  private pos = 0;
  constructor(private readonly text: string, private readonly tokens: readonly PyToken[]) {}

  parseAll(): Node {
    if (this.tokens.length === 0) throw syntaxError(this.text, 'invalid syntax');
    const node = this.sequence(')', 'tuple', true);
    if (this.pos < this.tokens.length) throw syntaxError(this.text, 'invalid syntax');
    return node;
  }

  /** Comma-separated items up to `close` (not consumed); a bare single item is itself. */
  private sequence(close: string, kind: 'tuple' | 'list' | 'set', bareSingle: boolean): Node {
    const items: Node[] = [];
    let trailingComma = false;
    let starred = false;
    while (this.pos < this.tokens.length && !this.isOp(close)) {
      starred = this.isOp('*');
      if (starred) this.next();
      const item = this.expression();
      items.push(starred ? REFUSED : item);
      trailingComma = this.isOp(',');
      if (!trailingComma) break;
      this.next();
    }
    if (bareSingle && items.length === 1 && !trailingComma) {
      if (starred) throw syntaxError(this.text, "can't use starred expression here");
      return items[0];
    }
    // A signed number is a literal inside a container (literal_eval converts elements with signs).
    const lits = items.map((n) => ('lit' in n ? n.lit : 'signed' in n ? n.signed : undefined));
    if (lits.some((l) => l === undefined)) return REFUSED;
    return { lit: { t: kind, items: lits as Lit[] } };
  }

  private expression(): Node {
    const node = this.binary(0);
    if (this.isName('if')) {
      this.next();
      this.binary(0);
      this.expectName('else');
      this.expression();
      return REFUSED;
    }
    return node;
  }

  private static readonly LEVELS: readonly (readonly string[])[] = [
    ['or'], ['and'], ['not'], ['<', '>', '==', '>=', '<=', '!=', 'in', 'not in', 'is', 'is not'],
    ['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '//', '%', '@'],
  ];

  private binary(level: number): Node {
    const ops = ExpressionParser.LEVELS[level];
    if (ops === undefined) return this.factor();
    if (ops[0] === 'not') {
      if (this.isName('not')) { this.next(); this.binary(level); return REFUSED; }
      return this.binary(level + 1);
    }
    let node = this.binary(level + 1);
    // Any operator makes a non-literal: literal_eval folds only `<real> +/- <imaginary>`,
    // and imaginary literals are refused in atom().
    while (this.operatorAt(ops) !== undefined) {
      this.binary(level + 1);
      node = REFUSED;
    }
    return node;
  }

  private operatorAt(ops: readonly string[]): string | undefined {
    const tok = this.tokens[this.pos];
    if (tok === undefined) return undefined;
    const word = tok.t === 'op' ? tok.v : tok.t === 'name' ? tok.v : undefined;
    if (word === undefined) return undefined;
    const after = this.tokens[this.pos + 1];
    if (word === 'not' && ops.includes('not in') && after?.t === 'name' && after.v === 'in') { this.pos += 2; return 'not in'; }
    if (word === 'is' && ops.includes('is')) {
      this.pos += after?.t === 'name' && after.v === 'not' ? 2 : 1;
      return 'is';
    }
    if (!ops.includes(word) || word === 'not') return undefined;
    this.pos++;
    return word;
  }

  private factor(): Node {
    if (this.isOp('+') || this.isOp('-') || this.isOp('~')) {
      const op = (this.next() as { v: string }).v;
      const operand = this.factor();
      // literal_eval accepts a sign only directly on an int/float constant.
      if (op !== '~' && 'lit' in operand && (operand.lit.t === 'int' || operand.lit.t === 'float')) {
        const lit = operand.lit;
        const signed: Lit = op === '+' ? lit : lit.t === 'int' ? { t: 'int', v: -lit.v } : { t: 'float', v: -lit.v };
        return { signed };
      }
      return REFUSED;
    }
    const base = this.primary();
    if (this.isOp('**')) { this.next(); this.factor(); return REFUSED; }
    return base;
  }

  private primary(): Node {
    if (this.isName('await')) { this.next(); this.primary(); return REFUSED; }
    let node = this.atom();
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        const tok = this.next();
        if (tok?.t !== 'name' || isKeyword(tok.v)) throw syntaxError(this.text, 'invalid syntax');
        node = REFUSED;
      } else if (this.isOp('(')) {
        const callee = node;
        this.next();
        const empty = this.isOp(')');
        this.callArguments();
        this.expectOp(')');
        node = empty && 'refused' in callee && callee.name === 'set' ? { lit: { t: 'emptyset' } } : REFUSED;
      } else if (this.isOp('[')) {
        this.next();
        this.sequence(']', 'tuple', true);
        this.expectOp(']');
        node = REFUSED;
      } else {
        return node;
      }
    }
  }

  private callArguments(): void {
    while (!this.isOp(')')) {
      if (this.isOp('*') || this.isOp('**')) this.next();
      else if (this.tokens[this.pos]?.t === 'name' && this.tokens[this.pos + 1]?.t === 'op' &&
        (this.tokens[this.pos + 1] as { v: string }).v === '=') this.pos += 2;
      this.expression();
      if (!this.isOp(',')) break;
      this.next();
    }
  }

  private atom(): Node {
    const tok = this.next();
    if (tok === undefined) throw syntaxError(this.text, 'unexpected end of expression');
    switch (tok.t) {
      case 'int': return { lit: { t: 'int', v: tok.v } };
      case 'float': return { lit: { t: 'float', v: tok.v } };
      case 'imaginary': throw new PolicyEvaluationError(`complex literals are not supported in check "${this.text}"`);
      case 'str': case 'bytes': case 'fstring': return this.strings(tok);
      case 'name':
        if (tok.v === 'True' || tok.v === 'False') return { lit: { t: 'bool', v: tok.v === 'True' } };
        if (tok.v === 'None') return { lit: { t: 'none' } };
        if (isKeyword(tok.v)) throw syntaxError(this.text, 'invalid syntax');
        return { refused: true, name: tok.v };
      case 'op':
        break;
    }
    if (tok.v === '...') return { lit: { t: 'ellipsis' } };
    const close = { '(': ')', '[': ']', '{': '}' }[tok.v];
    if (close === undefined) throw syntaxError(this.text, 'invalid syntax');
    if (tok.v === '{' && this.isOp('}')) { this.next(); return { lit: { t: 'emptydict' } }; }
    const kind = tok.v === '(' ? 'tuple' : tok.v === '[' ? 'list' : 'set';
    const node = this.sequence(close, kind, tok.v === '(');
    this.expectOp(close);
    return node;
  }

  /** Adjacent string literals concatenate; mixing bytes and str is a SyntaxError. */
  private strings(first: PyToken): Node {
    const parts = [first];
    while (['str', 'bytes', 'fstring'].includes(this.tokens[this.pos]?.t ?? '')) parts.push(this.next() as PyToken);
    const isBytes = parts.map((p) => p.t === 'bytes');
    if (isBytes.some((b) => b) && !isBytes.every((b) => b)) throw syntaxError(this.text, 'cannot mix bytes and nonbytes literals');
    if (parts.some((p) => p.t === 'fstring')) return REFUSED;
    if (isBytes[0]) return { lit: { t: 'bytes', v: parts.flatMap((p) => (p.t === 'bytes' ? p.v : [])) } };
    return { lit: { t: 'str', v: parts.map((p) => (p.t === 'str' ? p.v : '')).join('') } };
  }

  private next(): PyToken | undefined {
    return this.tokens[this.pos++];
  }
  private isOp(v: string): boolean {
    const tok = this.tokens[this.pos];
    return tok?.t === 'op' && tok.v === v;
  }
  private isName(v: string): boolean {
    const tok = this.tokens[this.pos];
    return tok?.t === 'name' && tok.v === v;
  }
  private expectOp(v: string): void {
    if (!this.isOp(v)) throw syntaxError(this.text, `expected '${v}'`);
    this.next();
  }
  private expectName(v: string): void {
    if (!this.isName(v)) throw syntaxError(this.text, `expected '${v}'`);
    this.next();
  }
}
