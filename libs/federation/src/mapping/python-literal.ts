/**
 * The two bits of Python that mapping rules lean on: how a list of matched
 * values prints when substituted into a string (`str(list)`), and reading
 * such a string back (`ast.literal_eval`), limited to lists of strings and
 * numbers, which is all a substitution can produce.
 */

export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  return pyRepr(v);
}

export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') {
    // Python prefers single quotes unless the text has one and no double quote.
    const quote = v.includes("'") && !v.includes('"') ? '"' : "'";
    const body = v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
    return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
  }
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  return String(v);
}

/** `ast.literal_eval(text)` when it yields a list; `undefined` for anything else (Keystone then keeps the text as one value). */
export function literalList(text: string): unknown[] | undefined {
  const p = new Parser(text.trim());
  try {
    if (p.peek() !== '[') return undefined;
    const value = p.value();
    p.skipSpace();
    return p.done() && Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length;
  }

  peek(): string {
    return this.s[this.i] ?? '';
  }

  skipSpace(): void {
    while (/\s/.test(this.peek())) this.i++;
  }

  value(): unknown {
    this.skipSpace();
    const c = this.peek();
    if (c === '[') return this.list();
    if (c === "'" || c === '"') return this.string(c);
    return this.number();
  }

  private list(): unknown[] {
    this.i++;
    const out: unknown[] = [];
    this.skipSpace();
    if (this.peek() === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipSpace();
      const c = this.peek();
      this.i++;
      if (c === ']') return out;
      if (c !== ',') throw new Error('bad list');
      this.skipSpace();
      if (this.peek() === ']') {
        this.i++;
        return out;
      }
    }
  }

  private string(quote: string): string {
    this.i++;
    let out = '';
    for (;;) {
      if (this.done()) throw new Error('unterminated string');
      const c = this.s[this.i++];
      if (c === quote) return out;
      if (c === '\\') {
        const n = this.s[this.i++];
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
      } else {
        out += c;
      }
    }
  }

  private number(): number {
    const m = /^[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+)/.exec(this.s.slice(this.i));
    if (!m) throw new Error('not a literal');
    this.i += m[0].length;
    return Number(m[0]);
  }
}
