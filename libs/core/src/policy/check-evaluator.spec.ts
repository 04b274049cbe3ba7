/** Evaluation semantics of each check kind, as fixed examples (the differential spec covers the rest). */
import { PolicyEvaluationError } from './policy.errors';
import { RuleSet } from './rule-set';

const rules = RuleSet.fromDict({
  admin: 'role:admin or is_admin:1',
  owner: 'user_id:%(target.user.id)s',
  either: 'rule:admin or rule:owner',
  literal: "True:%(target.enabled)s and 'admin':%(target.role)s",
  listy: 'tags:b',
  nested: 'token.project.domain.id:%(target.domain.id)s',
  quoted: "project_id:'p1'",
  missing: 'rule:nowhere',
  bad: 'user_id.deeper:x',
  syntax: '1a:x',
});

describe('check evaluation', () => {
  it('matches roles case-insensitively, with substitution', () => {
    expect(rules.check('admin', {}, { roles: ['ADMIN'] })).toBe(true);
    expect(rules.check('admin', {}, { roles: ['member'] })).toBe(false);
    expect(RuleSet.fromDict({ r: 'role:%(target.role)s' }).check('r', { target: { role: 'Reader' } }, { roles: ['reader'] })).toBe(true);
  });

  it('compares generic checks with Python str(): is_admin:1 is not True, None equals None', () => {
    expect(rules.check('admin', {}, { roles: [], is_admin: true })).toBe(false);
    expect(rules.check('owner', { target: { user: { id: null } } }, { user_id: null })).toBe(true);
    expect(rules.check('owner', { target: { user: { id: 'u1' } } }, { user_id: 'u1' })).toBe(true);
  });

  it('evaluates literal kinds on the left side', () => {
    expect(rules.check('literal', { target: { enabled: true, role: 'admin' } }, {})).toBe(true);
    expect(rules.check('literal', { target: { enabled: 'True', role: 'Admin' } }, {})).toBe(false);
  });

  it('walks dotted paths into credentials and lists', () => {
    expect(rules.check('nested', { target: { domain: { id: 'd1' } } }, { token: { project: { domain: { id: 'd1' } } } })).toBe(true);
    expect(rules.check('nested', { target: { domain: { id: 'd1' } } }, { token: { domain: { id: 'd1' } } })).toBe(false);
    expect(rules.check('listy', {}, { tags: ['a', 'b'] })).toBe(true);
  });

  it('keeps quotes on the right side (they never match an unquoted value)', () => {
    expect(rules.check('quoted', {}, { project_id: 'p1' })).toBe(false);
    expect(rules.check('quoted', {}, { project_id: "'p1'" })).toBe(true);
  });

  it('fails a check whose target key is missing, and an undefined rule, closed', () => {
    expect(rules.check('owner', {}, { user_id: 'u1' })).toBe(false);
    expect(rules.check('missing', {}, {})).toBe(false);
    expect(rules.check('either', {}, { roles: ['admin'] })).toBe(true);
  });

  it('falls back to the default rule for unknown references when one is defined', () => {
    const withDefault = RuleSet.fromDict({ default: 'role:x', a: 'rule:unknown' }, 'default');
    expect(withDefault.check('a', {}, { roles: ['x'] })).toBe(true);
    expect(withDefault.check('b', {}, { roles: ['x'] })).toBe(true);
  });

  it("raises where Python raises: indexing a string, a kind that is not Python, a lone token", () => {
    expect(() => rules.check('bad', {}, { user_id: 'u1' })).toThrow(PolicyEvaluationError);
    expect(() => rules.check('syntax', {}, {})).toThrow(/SyntaxError/);
    expect(() => RuleSet.fromDict({ a: 'not' }).check('a', {}, {})).toThrow(PolicyEvaluationError);
    expect(() => RuleSet.fromDict({ a: 'rule:a' }).check('a', {}, {})).toThrow(/recurses/);
  });

  it('never reads inherited properties', () => {
    expect(RuleSet.fromDict({ a: 'constructor:x' }).check('a', {}, {})).toBe(false);
    expect(RuleSet.fromDict({ a: 'x:%(constructor)s' }).check('a', {}, { x: 'y' })).toBe(false);
  });
});
