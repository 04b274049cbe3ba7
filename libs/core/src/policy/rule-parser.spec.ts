/** The rule language's documented behaviour and oslo's parsing quirks, as fixed examples. */
import { checkToString } from './check-tree';
import { parseCheck, parseRule } from './rule-parser';

const tree = (rule: unknown): string => checkToString(parseRule(rule).check);
const problems = (rule: unknown): readonly string[] => parseRule(rule).problems;

describe('rule parser', () => {
  it.each([
    ['', '@'],
    ['@', '@'],
    ['!', '!'],
    ['role:admin', 'role:admin'],
    ['rule:a or rule:b and rule:c', '(rule:a or (rule:b and rule:c))'],
    ['(rule:a or rule:b) and rule:c', '((rule:a or rule:b) and rule:c)'],
    ['not rule:a and rule:b', '(not rule:a and rule:b)'],
    ['rule:a or (rule:b and rule:c) and rule:d', '(rule:a or (rule:b and rule:c and rule:d))'],
    ['NOT role:x Or ROLE:y', '(not role:x or ROLE:y)'],
    ['((role:a))', 'role:a'],
    ['project_id:%(target.project.id)s', 'project_id:%(target.project.id)s'],
    ['a:b:c', 'a:b:c'],
  ])('parses %j as oslo does: %s', (rule, expected) => {
    expect(tree(rule)).toBe(expected);
    expect(problems(rule)).toEqual([]);
  });

  it('types checks: rule, role, generic; kind and match split at the first colon', () => {
    expect(parseCheck('rule:admin_required')).toEqual({ type: 'rule', kind: 'rule', match: 'admin_required' });
    expect(parseCheck('role:reader')).toEqual({ type: 'role', kind: 'role', match: 'reader' });
    expect(parseCheck('is_admin:True')).toEqual({ type: 'generic', kind: 'is_admin', match: 'True' });
    expect(parseCheck("'x':%(a)s")).toEqual({ type: 'generic', kind: "'x'", match: '%(a)s' });
  });

  it.each([
    ['role:admin and', 'could not parse'],
    ['(role:admin', 'could not parse'],
    ['role:(admin)', 'could not parse'],
    ["'a':'b'", 'lone'],
    ['not', 'lone'],
    ['admin', 'expected kind:match'],
  ])('fails %j closed and reports it (%s)', (rule, why) => {
    expect(['!', "a':'b", 'not']).toContain(tree(rule));
    expect(problems(rule).join(' ')).toContain(why);
  });

  it('rejects http and https checks with a message naming them', () => {
    expect(problems('role:a or http://policy.example.com/%(name)s').join()).toMatch(/http checks .* not supported/);
    expect(problems(['https://x']).join()).toMatch(/https checks/);
  });

  it('reads the legacy list-of-lists syntax: outer or, inner and, empty means always', () => {
    expect(tree([['role:admin'], ['project_id:%(project_id)s', 'role:projectadmin']])).toBe(
      '(role:admin or (project_id:%(project_id)s and role:projectadmin))',
    );
    expect(tree([])).toBe('@');
    expect(tree(null)).toBe('@');
    expect(tree([[]])).toBe('!');
    expect(tree(['role:a'])).toBe('role:a');
    expect(problems([[1]]).join()).toContain('only contain strings');
  });

  it('rejects values that are neither strings nor lists', () => {
    expect(problems(5).join()).toContain('must be a string or a list');
    expect(problems({ a: 1 }).join()).toContain('must be a string or a list');
  });

  it('splits on Python whitespace, including ideographic space but not zero-width space', () => {
    expect(tree('role:a\u3000or\u3000role:b')).toBe('(role:a or role:b)');
    expect(tree('role:a\u200bor role:b')).toBe('!');
  });
});
