/**
 * oslo.policy's rule language, parsed the way oslo_policy/_parser.py does it:
 * whitespace tokenizing with parentheses peeled off each token, then a greedy
 * shift-reduce over (check, and, or, not, parens). Matching its algorithm, not
 * just its grammar, keeps its quirks: `not` binds tightest, `a or b and c` is
 * `a or (b and c)`, a token that is wholly quoted becomes a string nobody
 * reduces, and anything unparseable fails closed (`!`).
 *
 * Where oslo only logs (and denies), we also return `problems`, so a policy
 * file loader can refuse the file instead of silently denying.
 */
import { Check, FALSE_CHECK, TRUE_CHECK } from './check-tree';

export interface ParsedRule {
  readonly check: Check;
  /** Why oslo would have logged an error for this rule; empty when clean. */
  readonly problems: readonly string[];
}

type Token = 'check' | 'and_expr' | 'or_expr' | 'and' | 'or' | 'not' | '(' | ')' | 'string';
type Value = Check | string;

/** Python's str.isspace() set, which is what oslo's `\s+` split uses. */
const PY_WHITESPACE = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** Parses a rule as found in a policy file or a default: a string, a list of lists, or null. */
export function parseRule(rule: unknown): ParsedRule {
  const problems: string[] = [];
  if (typeof rule === 'string') return { check: parseTextRule(rule, problems), problems };
  if (rule === null || rule === undefined || Array.isArray(rule)) {
    return { check: parseListRule(rule ?? [], problems), problems };
  }
  problems.push(`a rule must be a string or a list of lists, not ${typeof rule}`);
  return { check: FALSE_CHECK, problems };
}

/** One `kind:match` check (or `@`/`!`), as oslo's _parse_check. */
export function parseCheck(text: string, problems: string[] = []): Check {
  if (text === '!') return FALSE_CHECK;
  if (text === '@') return TRUE_CHECK;
  const colon = text.indexOf(':');
  if (colon < 0) {
    problems.push(`cannot understand check "${text}" (expected kind:match)`);
    return FALSE_CHECK;
  }
  const kind = text.slice(0, colon);
  const match = text.slice(colon + 1);
  if (kind === 'http' || kind === 'https') {
    problems.push(`"${text}": ${kind} checks (remote policy servers) are not supported`);
    return { type: 'http', kind, match };
  }
  if (kind === 'rule' || kind === 'role') return { type: kind, kind, match };
  return { type: 'generic', kind, match };
}

/** The legacy list-of-lists form: outer list is "or", inner lists are "and". */
function parseListRule(rule: readonly unknown[], problems: string[]): Check {
  if (rule.length === 0) return TRUE_CHECK;
  const alternatives: Check[] = [];
  for (const inner of rule) {
    if (inner === '' || inner === null || inner === undefined || (Array.isArray(inner) && inner.length === 0)) continue;
    const items: readonly unknown[] = typeof inner === 'string' ? [inner] : Array.isArray(inner) ? inner : [inner];
    const all = items.map((item) => {
      if (typeof item === 'string') return parseCheck(item, problems);
      problems.push(`list rules may only contain strings, found ${JSON.stringify(item)}`);
      return FALSE_CHECK;
    });
    alternatives.push(all.length === 1 ? all[0] : { type: 'and', rules: all });
  }
  if (alternatives.length === 0) return FALSE_CHECK;
  return alternatives.length === 1 ? alternatives[0] : { type: 'or', rules: alternatives };
}

function parseTextRule(rule: string, problems: string[]): Check {
  if (rule === '') return TRUE_CHECK;
  const tokens: Token[] = [];
  const values: Value[] = [];
  for (const [token, value] of tokenize(rule, problems)) {
    tokens.push(token);
    values.push(value);
    reduce(tokens, values);
  }
  if (values.length !== 1) {
    problems.push(`could not parse rule "${rule}"`);
    return FALSE_CHECK;
  }
  const only = values[0];
  if (typeof only === 'string') {
    problems.push(`rule "${rule}" is a lone "${only}", not a check`);
    return { type: 'bare', value: only };
  }
  return only;
}

function* tokenize(rule: string, problems: string[]): Generator<[Token, Value]> {
  for (const raw of rule.split(PY_WHITESPACE)) {
    if (raw === '') continue;
    const tok = raw.replace(/^\(+/, '');
    for (let i = tok.length; i < raw.length; i++) yield ['(', '('];
    if (tok === '') continue;
    const clean = tok.replace(/\)+$/, '');
    const trailing = tok.length - clean.length;
    const lowered = clean.toLowerCase();
    if (lowered === 'and' || lowered === 'or' || lowered === 'not') {
      yield [lowered, clean];
    } else if (clean !== '') {
      // oslo tests the quotes on the token before its ')'s are removed.
      const quoted = tok.length >= 2 && (tok[0] === '"' || tok[0] === "'") && tok[tok.length - 1] === tok[0];
      if (quoted) yield ['string', tok.slice(1, -1)];
      else yield ['check', parseCheck(clean, problems)];
    }
    for (let i = 0; i < trailing; i++) yield [')', ')'];
  }
}

type Reducer = readonly [readonly Token[], (...values: Value[]) => [Token, Value]];
type Junction = { type: 'and' | 'or'; rules: Check[] };

const junction = (type: 'and' | 'or', rules: Check[]): Junction => ({ type, rules });
const makeOr = (a: Value, _or: Value, b: Value): [Token, Value] => ['or_expr', junction('or', [a as Check, b as Check])];
const wrap = (_open: Value, inner: Value): [Token, Value] => ['check', inner];

/** oslo's reducers; at most one can match a given stack tail, so their order is immaterial. */
const REDUCERS: readonly Reducer[] = [
  [['(', 'check', ')'], wrap],
  [['(', 'and_expr', ')'], wrap],
  [['(', 'or_expr', ')'], wrap],
  [['check', 'and', 'check'], (a, _and, b) => ['and_expr', junction('and', [a as Check, b as Check])]],
  [
    ['or_expr', 'and', 'check'],
    (or, _and, check) => {
      // `a or b and c`: b leaves the or and is and-ed with c (extended in place if already an and).
      const rules = (or as Junction).rules;
      const last = rules.pop() as Check;
      if (last.type === 'and') (last as Junction).rules.push(check as Check);
      rules.push(last.type === 'and' ? last : junction('and', [last, check as Check]));
      return ['or_expr', or];
    },
  ],
  [['and_expr', 'and', 'check'], (and, _and, check) => ((and as Junction).rules.push(check as Check), ['and_expr', and])],
  [['check', 'or', 'check'], makeOr],
  [['and_expr', 'or', 'check'], makeOr],
  [['or_expr', 'or', 'check'], (or, _or, check) => ((or as Junction).rules.push(check as Check), ['or_expr', or])],
  [['not', 'check'], (_not, check) => ['check', { type: 'not', rule: check as Check }]],
];

/** Greedy reduction of the stack tail until nothing matches (oslo's ParseState.reduce). */
function reduce(tokens: Token[], values: Value[]): void {
  for (;;) {
    const hit = REDUCERS.find(([pattern]) => pattern.every((tok, i) => tokens[tokens.length - pattern.length + i] === tok));
    if (hit === undefined) return;
    const width = hit[0].length;
    const [token, value] = hit[1](...values.slice(-width));
    tokens.splice(-width, width, token);
    values.splice(-width, width, value);
  }
}
