import { InferenceRules, sameAssignment } from './implied-roles';

const rules = (...pairs: [string, string][]) => new InferenceRules(pairs.map(([p, i]) => ({ prior_role_id: p, implied_role_id: i })));

describe('InferenceRules', () => {
  it('computes transitive closures, cycles and self-implication included', () => {
    const r = rules(['admin', 'member'], ['member', 'reader'], ['a', 'b'], ['b', 'a'], ['s', 's']);
    expect([...r.closure('admin')].sort()).toEqual(['admin', 'member', 'reader']);
    expect([...r.closure('a')].sort()).toEqual(['a', 'b']);
    expect([...r.closure('s')]).toEqual(['s']);
    expect(r.expandIds(['reader', 'admin'])).toEqual(['reader', 'admin', 'member']);
  });

  it("adds one ref per implied role, prior role in indirect.role_id (Keystone's add_implied_roles)", () => {
    const r = rules(['admin', 'member'], ['member', 'reader']);
    const out = r.addImpliedRoles([{ user_id: 'u', project_id: 'p', role_id: 'admin' }]);
    expect(out).toEqual([
      { user_id: 'u', project_id: 'p', role_id: 'admin' },
      { user_id: 'u', project_id: 'p', role_id: 'member', indirect: { role_id: 'admin' } },
      // The chain records the immediate prior role, not the assigned one.
      { user_id: 'u', project_id: 'p', role_id: 'reader', indirect: { role_id: 'member' } },
    ]);
  });

  it('keeps what other expansions put in indirect', () => {
    const out = rules(['a', 'b']).addImpliedRoles([{ user_id: 'u', project_id: 'p', role_id: 'a', indirect: { group_id: 'g' } }]);
    expect(out[1]).toEqual({ user_id: 'u', project_id: 'p', role_id: 'b', indirect: { group_id: 'g', role_id: 'a' } });
  });

  it('terminates on cycles with the refs Keystone produces', () => {
    const out = rules(['a', 'b'], ['b', 'a']).addImpliedRoles([{ user_id: 'u', domain_id: 'd', role_id: 'a' }]);
    expect(out.map((r) => [r.role_id, r.indirect?.role_id])).toEqual([
      ['a', undefined],
      ['b', 'a'],
      ['a', 'b'],
    ]);
    expect(rules(['s', 's']).addImpliedRoles([{ user_id: 'u', domain_id: 'd', role_id: 's' }])).toHaveLength(2);
  });

  it('matches Keystone on overlapping chains (order and de-duplication)', () => {
    const out = rules(['admin', 'member'], ['admin', 'x'], ['member', 'reader']).addImpliedRoles([{ role_id: 'admin' }, { role_id: 'member' }]);
    // Output of keystone.assignment.core.Manager.add_implied_roles for the same input.
    expect(out.map((r) => [r.role_id, r.indirect?.role_id])).toEqual([
      ['admin', undefined],
      ['member', undefined],
      ['reader', 'member'],
      ['member', 'admin'],
      ['x', 'admin'],
    ]);
  });

  it('compares refs as Python dicts (key order ignored)', () => {
    expect(sameAssignment({ role_id: 'r', user_id: 'u', indirect: { group_id: 'g', role_id: 'x' } }, { user_id: 'u', indirect: { role_id: 'x', group_id: 'g' }, role_id: 'r' })).toBe(true);
    expect(sameAssignment({ role_id: 'r', user_id: 'u' }, { role_id: 'r', user_id: 'v' })).toBe(false);
  });
});
