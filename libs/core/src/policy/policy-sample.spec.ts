/**
 * config/policy.yaml.sample must be current, and identical to what
 * oslopolicy-sample-generator writes for Keystone 22; the comment wrapping
 * must match Python's textwrap on arbitrary text, not just on today's rules.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { POLICY_SAMPLE_PATH, renderKeystonePolicySample, writePolicySample } from '../../../../scripts/generate-policy-sample';
import { renderPolicySample } from './policy-sample';
import { Picker, rng } from './testing/case-generator';
import { PYTHON } from './testing/oslo-oracle';
import { wrapText } from './text-wrap.util';

const suite = process.env.KEYSTONE_TS_SKIP_PYTHON === '1' ? describe.skip : describe;

describe('config/policy.yaml.sample', () => {
  it('is up to date (regenerate: UPDATE_POLICY_SAMPLE=1 npx jest libs/core/src/policy/policy-sample)', () => {
    if (process.env.UPDATE_POLICY_SAMPLE === '1') writePolicySample();
    expect(readFileSync(POLICY_SAMPLE_PATH, 'utf8')).toBe(renderKeystonePolicySample());
  });

  it('renames and removals render like oslo (rule-name warning, removal notice)', () => {
    const text = renderPolicySample([
      { name: 'a:new', checkStr: 'role:x', deprecatedRule: { name: 'a:old', checkStr: 'role:y', deprecatedSince: 'W' } },
    ]);
    expect(text).toContain('# WARNING: A rule name change has been identified.');
    expect(text).toContain('# "a:old": "rule:a:new"\n');
    expect(text).toContain('#"a:new": "role:x"\n\n# DEPRECATED\n');
  });
});

suite('policy sample vs oslo.policy tools', () => {
  it('is byte-identical to `oslopolicy-sample-generator --namespace keystone`', () => {
    const script = 'import sys; from oslo_policy import generator; sys.argv = ["g", "--namespace", "keystone"]; generator.generate_sample()';
    const expected = execFileSync(PYTHON, ['-W', 'ignore', '-c', script], { cwd: tmpdir(), maxBuffer: 16 << 20 }).toString('utf8');
    expect(renderKeystonePolicySample()).toBe(expected);
  });

  it('wraps 300 random paragraphs exactly as textwrap.wrap(width=70, indent "# ")', () => {
    const p = new Picker(rng(7));
    const words = ['a', 'policy', 'well-known', 'x--y', 'long-hyphenated-word-here', '--flag', 'http://example.com/a-b',
      'supercalifragilisticexpialidocious-and-then-some-more-characters-to-overflow-width', 'end.', '"quoted"', '-', '--',
      'e.g.', 'identity:get_user', '(role:reader and system_scope:all)', 'ab-c', 'a-bc', '\t', '  '];
    const texts = Array.from({ length: 300 }, () =>
      Array.from({ length: 1 + Math.floor(p.random() * 30) }, () => p.pick(words)).join(p.pick([' ', ' ', '  ', '-'])),
    );
    const script = 'import json, sys, textwrap\n' +
      'print(json.dumps([textwrap.wrap(t, 70, initial_indent="# ", subsequent_indent="# ") for t in json.load(sys.stdin)]))';
    const out = execFileSync(PYTHON, ['-c', script], { cwd: tmpdir(), input: JSON.stringify(texts) });
    const expected = JSON.parse(out.toString('utf8')) as string[][];
    texts.forEach((text, i) => expect([text, wrapText(text, { width: 70, initialIndent: '# ', subsequentIndent: '# ' })]).toEqual([text, expected[i]]));
  });
});
