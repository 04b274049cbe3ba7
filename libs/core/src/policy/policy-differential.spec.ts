/**
 * Differential tests: the same generated rules, credentials, targets and policy
 * files go through real oslo.policy (Debian's Keystone 22 install) and through
 * our engine; every decision must be identical. Seeds are fixed so a failure
 * reproduces; the python side runs once per batch to keep this fast.
 */
import { keystonePolicyDefaults } from './defaults';
import { languageCases, Picker, randomListRule, randomRule, rng } from './testing/case-generator';
import { generatedEnforcerCases, keystoneCases } from './testing/enforcer-cases';
import { askOslo, askOurs, expandChecks, osloAvailable, OracleRequest, Outcome } from './testing/oslo-oracle';

const SEED = Number(process.env.POLICY_DIFF_SEED ?? 20221005);
const skip = process.env.KEYSTONE_TS_SKIP_PYTHON === '1';
const suite = skip ? describe.skip : describe;

/** Lists every index where the two sides disagree, with enough context to reproduce it. */
function mismatches<T>(ours: readonly T[], theirs: readonly T[], describeItem: (i: number) => unknown): unknown[] {
  expect(ours).toHaveLength(theirs.length);
  const out: unknown[] = [];
  ours.forEach((value, i) => {
    if (JSON.stringify(value) !== JSON.stringify(theirs[i])) out.push({ ours: value, oslo: theirs[i], case: describeItem(i) });
  });
  return out.slice(0, 5);
}

function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[String(o)] = (counts[String(o)] ?? 0) + 1;
  return counts;
}

suite('policy engine vs oslo.policy (differential)', () => {
  beforeAll(() => {
    if (!osloAvailable()) {
      throw new Error('python3 with oslo.policy and keystone is required (set KEYSTONE_TS_SKIP_PYTHON=1 to skip)');
    }
  });

  it('parses 600 generated rules into the same tree (oslo str() of the check)', () => {
    const p = new Picker(rng(SEED));
    const names = ['a', 'b', 'c'];
    const rules: unknown[] = [
      ...Array.from({ length: 500 }, () => randomRule(p, names, 4)),
      ...Array.from({ length: 100 }, () => randomListRule(p, names)),
      '', '@', '!', 'not', 'and', ')', '(', "'a':'b'", "('a')", '(((role:a)))', 'role:a)', '(role:a', 'a:b:c',
      ' role:x ', 'role:x\u3000or\u3000role:y', 'role:x\u200bor role:y', [], [[]], [''], null,
      'http://x/%(n)s', 'role:a or https://x', ['http:x'], '(http://a and role:b)',
    ];
    const request: OracleRequest = { parse: rules };
    const ours = askOurs(request).parse;
    const theirs = askOslo(request).parse;
    expect(mismatches(ours, theirs, (i) => rules[i])).toEqual([]);
  });

  it('reads policy files (JSON, YAML 1.1 in its many spellings) into the same rules', () => {
    const files = [
      '{"a": "role:admin", "b": "rule:a or role:x", "a": "role:dup"}',
      '"a": "role:admin"\nb: role:x or rule:a   # comment\n\'c\': \'\'\nd:\ne: ~\nf: []\ng: [["role:a", "role:b"], ["role:c"]]\n',
      'a: >\n  role:admin\n  or role:member\nb: |\n  role:x\n',
      'a: "role:\\u0041dmin"\nb: \'it\'\'s:%(x)s\'\n',
      '---\na: role:a\n...\n',
      'base: &b role:admin\nalias: *b\n',
      '',
      '# nothing but a comment\n',
      '"identity:get_user": "(role:reader and system_scope:all) or user_id:%(target.user.id)s"\n',
      'a: role:x\na: role:y\n',
      '{}',
      '[]',
    ];
    const ours = askOurs({ files }).files;
    const theirs = askOslo({ files }).files;
    expect(mismatches(ours, theirs, (i) => files[i])).toEqual([]);
  });

  it('refuses files oslo would fail closed on or crash with, where oslo itself errors too', () => {
    const bothError = ['a: [unclosed', 'a: yes', 'a: 5', 'a: 1.5', '- a\n- b', '"just a string"'];
    const oursOnly = ['a: role:x and', 'a: admin', 'a: "not"', 'a: http://example.com/x', 'a: [[1]]', 'a: {b: c}'];
    const ours = askOurs({ files: [...bothError, ...oursOnly] }).files;
    const theirs = askOslo({ files: bothError }).files;
    expect(ours.map((f, i) => [[...bothError, ...oursOnly][i], Object.keys(f)])).toEqual(
      [...bothError, ...oursOnly].map((t) => [t, ['<error>']]),
    );
    expect(theirs.map((f) => Object.keys(f))).toEqual(bothError.map(() => ['<error>']));
  });

  it('evaluates 400 rule/credential/target combinations identically', () => {
    const language = languageCases(SEED, 40);
    const ours = askOurs({ language }).language.flat();
    const theirs = askOslo({ language }).language.flat();
    const checks = language.flatMap((c) => c.checks.map((check) => ({ rules: c.rules, ...check })));
    expect(mismatches(ours, theirs, (i) => checks[i])).toEqual([]);
    // The generator must actually exercise allow, deny and error paths.
    expect(tally(theirs)).toEqual(expect.objectContaining({ true: expect.any(Number), false: expect.any(Number), error: expect.any(Number) }));
  });

  it('enforces generated defaults, deprecated rules, overrides and scopes identically under every flag combination', () => {
    const enforcer = generatedEnforcerCases(SEED, 30);
    const ours = askOurs({ enforcer }).enforcer.flat();
    const theirs = askOslo({ enforcer }).enforcer.flat();
    const checks = enforcer.flatMap((c) =>
      (c.checks ?? []).map((check) => ({ flags: [c.enforceScope, c.enforceNewDefaults], file: c.policyFile, defaults: c.defaults, ...check })),
    );
    expect(mismatches(ours, theirs, (i) => checks[i])).toEqual([]);
    expect(ours.length).toBe(30 * 4 * 12);
    expect(Object.keys(tally(theirs)).sort()).toEqual(['error', 'false', 'scope', 'true', 'unregistered']);
  });

  it("enforces Keystone's 202 defaults for every persona identically (scope x new-defaults, plus an override file)", () => {
    const names = keystonePolicyDefaults.map((rule) => rule.name);
    const enforcer = keystoneCases(names);
    const ours = askOurs({ enforcer }).enforcer;
    const theirs = askOslo({ enforcer }).enforcer;
    enforcer.forEach((c, n) => {
      const checks = expandChecks(c);
      const found = mismatches(ours[n], theirs[n], (i) => ({ flags: [c.enforceScope, c.enforceNewDefaults], file: c.policyFile, ...checks[i] }));
      expect(found).toEqual([]);
    });
    expect(tally(theirs.flat())).toEqual(expect.objectContaining({ true: expect.any(Number), false: expect.any(Number), scope: expect.any(Number) }));
  });
});
