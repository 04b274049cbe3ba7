/**
 * The Python emulation underneath generic checks, compared with CPython itself:
 * str() of values, `template % dict`, and ast.literal_eval's three outcomes.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { PolicyEvaluationError } from './policy.errors';
import { FormatKeyMissing, percentFormat } from './python-format.util';
import { classifyKind } from './python-literal.util';
import { pyStr } from './python-value.util';
import { PYTHON } from './testing/oslo-oracle';

const suite = process.env.KEYSTONE_TS_SKIP_PYTHON === '1' ? describe.skip : describe;

function python(script: string, input: unknown): unknown {
  const out = execFileSync(PYTHON, ['-c', script], { cwd: tmpdir(), input: JSON.stringify(input) });
  return JSON.parse(out.toString('utf8'));
}

const VALUES: unknown[] = [
  'a', '', "it's", 'say "hi"', 'both \' and "', 'tab\there', 'nl\n', 'é', '\u0000', '\u200b', 'back\\slash',
  true, false, null, 0, 1, -7, 2 ** 60, 0.1, 2.5, -0.5, 1e16, 1.5e16, 1e-5, 0.0001, 123456789.123, 1e22, 5e-324,
  [], ['a', 1, null, true], [[1], { k: 'v' }], {}, { a: 1, b: [2, 'x'], 'c d': null },
];
const TEMPLATES = ['plain', '%(a)s', '%(a)s-%(b)s', '%%', '100%%', '%(a)r', '%(a)a', '%(n)d', '%(f)d', '%(t)i', '%(a)d',
  '%(a)5s|', '%(a)-5s|', '%(a).1s', '%(n)05d', '%(n)+d', '%(n) d', '%(n).3d', '%(a)ls', '%(zz)s', '%s', '%s %s',
  '%(a)s%s', '%s%(a)s', '100%', '%(a', '%(a)', '%(a)%', '%(a)x', '%(a)*s', '%(nested(x))s', '%(l)s', '%(d)s', '%(u)s'];
const MAPPING = { a: 'xy', b: 'é', n: -3, f: 2.9, t: true, l: ['a', null], d: { k: 1.5 }, u: null, 'nested(x)': 'ok' };
const KINDS = ['user_id', 'token.project.domain.id', 'True', 'False', 'None', '1', '-1', '+2', '1.0', '1e3', '2.50', '0x1F',
  '0o17', '0b101', '1_000', "'admin'", '"admin"', "'a''b'", "b'x'", "u'x'", "r'a\\b'", "'\\x41\\n'", "f'x'", '()', '(1,)',
  "[1,'a']", '{}', 'set()', '{1}', '...', '-True', '--1', '1+2', '(-1,2)', '1a', '01', '00', 'class', 'x.class', 'a-b',
  'not(x)', '(a)or(b)', '%(x)s', '@foo', 'a=b', '*a', 'x.y()', 'f(a=b)', 'a[0]', 'a==b', "'unterminated", 'a.', '.a',
  '1.', '.5', '1.x', '[*a]', 'await', 'é', 'a#comment', 'lambda', 'a if b else c', 'Ellipsis'];

suite('Python emulation vs CPython', () => {
  it('renders values as str() does', () => {
    const expected = python('import json,sys; print(json.dumps([str(v) for v in json.load(sys.stdin)]))', VALUES);
    expect(VALUES.map(pyStr)).toEqual(expected);
  });

  it('formats `template % mapping` identically, errors included', () => {
    const script = 'import json,sys\nm=json.load(sys.stdin)\nout=[]\n' +
      'for t in m["t"]:\n  try: out.append(t % m["m"])\n  except KeyError: out.append("<KeyError>")\n' +
      '  except (TypeError, ValueError): out.append("<error>")\nprint(json.dumps(out))';
    const expected = python(script, { t: TEMPLATES, m: MAPPING });
    const ours = TEMPLATES.map((t) => {
      try {
        return percentFormat(t, new Map(Object.entries(MAPPING)));
      } catch (e) {
        if (e instanceof FormatKeyMissing) return '<KeyError>';
        if (e instanceof PolicyEvaluationError) return '<error>';
        throw e;
      }
    });
    expect(ours).toEqual(expected);
  });

  it("classifies check kinds as ast.literal_eval does (literal / ValueError / SyntaxError)", () => {
    const script = 'import ast,json,sys\nout=[]\nfor k in json.load(sys.stdin):\n' +
      '  try: out.append(["literal", str(ast.literal_eval(k))])\n' +
      '  except ValueError: out.append(["lookup"])\n  except SyntaxError: out.append(["syntax"])\nprint(json.dumps(out))';
    const expected = python(script, KINDS);
    const ours = KINDS.map((k) => {
      try {
        const m = classifyKind(k);
        return m.type === 'literal' ? ['literal', m.text] : ['lookup'];
      } catch (e) {
        if (e instanceof PolicyEvaluationError) return ['syntax'];
        throw e;
      }
    });
    expect(KINDS.map((k, i) => [k, ...ours[i]])).toEqual(KINDS.map((k, i) => [k, ...(expected as unknown[][])[i]]));
  });
});
