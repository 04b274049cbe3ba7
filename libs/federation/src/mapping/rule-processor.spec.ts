import { InternalError, ValidationError } from '@keystone-ts/plugin-sdk';
import { DirectMappingError, RuleProcessor, type MappingRule } from './rule-processor';
import { literalList, pyRepr } from './python-literal';

const run = (rules: MappingRule[], assertion: Record<string, unknown>) => new RuleProcessor('m1', rules).process(assertion);

describe('RuleProcessor', () => {
  it('maps a user name and whitelisted group ids (the tempest fixture)', () => {
    const rules: MappingRule[] = [
      {
        local: [{ user: { name: '{0}' } }, { group_ids: '{1}' }],
        remote: [{ type: 'openstack_username' }, { type: 'group_ids', whitelist: ['abc', '123'] }],
      },
    ];
    const out = run(rules, { openstack_username: 'bob', group_ids: 'abc;zzz;123' });
    expect(out.user).toEqual({ name: 'bob', type: 'ephemeral' });
    expect(out.group_ids.sort()).toEqual(['123', 'abc']);
    expect(out.group_names).toEqual([]);
    expect(out.projects).toEqual([]);
  });

  it('skips a rule whose remote attribute is absent, and fails when nothing maps', () => {
    const rules: MappingRule[] = [{ local: [{ user: { name: '{0}' } }], remote: [{ type: 'UserName' }] }];
    expect(() => run(rules, { Other: 'x' })).toThrow(ValidationError);
    expect(() => run(rules, { Other: 'x' })).toThrow(/Could not map any federated user properties/);
  });

  it('any_one_of and not_any_of decide whether a rule applies, without adding a match', () => {
    const rules: MappingRule[] = [
      { local: [{ user: { name: '{0}' } }], remote: [{ type: 'UserName' }, { type: 'orgPersonType', any_one_of: ['Staff', 'Contractor'] }] },
      { local: [{ group: { id: 'g-staff' } }], remote: [{ type: 'orgPersonType', any_one_of: ['Staff'] }] },
      { local: [{ group: { id: 'g-not-guest' } }], remote: [{ type: 'orgPersonType', not_any_of: ['Guest'] }] },
      { local: [{ group: { id: 'g-guest' } }], remote: [{ type: 'orgPersonType', any_one_of: ['Guest'] }] },
    ];
    const staff = run(rules, { UserName: 'amy', orgPersonType: 'Staff;Tester' });
    expect(staff.user.name).toBe('amy');
    expect(staff.group_ids.sort()).toEqual(['g-not-guest', 'g-staff']);
    const guest = run(rules, { UserName: 'gus', orgPersonType: 'Guest' });
    expect(guest.group_ids).toEqual(['g-guest']);
    expect(guest.user).toEqual({ type: 'ephemeral' });
  });

  it('matches by regular expression (search, not full match) when regex is set', () => {
    const rules: MappingRule[] = [
      { local: [{ group: { id: 'g-admins' } }], remote: [{ type: 'Groups', any_one_of: ['^admin-'], regex: true }] },
      { local: [{ groups: '{0}', domain: { id: 'default' } }], remote: [{ type: 'Groups', whitelist: ['dev'], regex: true }] },
    ];
    const out = run(rules, { Groups: 'admin-x;developers;ops' });
    expect(out.group_ids).toEqual(['g-admins']);
    expect(out.group_names).toEqual([{ name: 'developers', domain: { id: 'default' } }]);
    const noAdmin = run(rules, { Groups: 'x-admin-y;devs' });
    expect(noAdmin.group_ids).toEqual([]);
  });

  it('blacklist drops values and maps the rest as a list of group names', () => {
    const rules: MappingRule[] = [
      { local: [{ user: { name: '{0}' } }, { groups: '{1}', domain: { name: 'Corp' } }], remote: [{ type: 'UserName' }, { type: 'Groups', blacklist: ['wheel', 'root'] }] },
    ];
    const out = run(rules, { UserName: 'bob', Groups: 'wheel;dev;ops;dev' });
    expect(out.group_names).toEqual([
      { name: 'dev', domain: { name: 'Corp' } },
      { name: 'ops', domain: { name: 'Corp' } },
    ]);
  });

  it('groups by name with their domain, JSON group lists, and the errors Keystone raises', () => {
    const byName: MappingRule[] = [{ local: [{ group: { name: 'g1', domain: { name: 'D' } } }, { group: { name: 'g2', domain: { id: 'd2' } } }], remote: [{ type: 'X' }] }];
    const out = run(byName, { X: '1' });
    // Keystone re-adds what it gathered so far each time; callers resolve names into a set.
    expect(out.group_names).toEqual([
      { name: 'g1', domain: { name: 'D' } },
      { name: 'g1', domain: { name: 'D' } },
      { name: 'g2', domain: { id: 'd2' } },
    ]);
    const json: MappingRule[] = [{ local: [{ groups: '{0}' }], remote: [{ type: 'G' }] }];
    const j = run(json, { G: 'JSON:{"name":"a","domain":{"name":"D"}};JSON:{"name":"b","domain":{"id":"x"}}' });
    expect(j.group_names).toEqual([
      { name: 'a', domain: { name: 'D' } },
      { name: 'b', domain: { id: 'x' } },
    ]);
    const noDomain: MappingRule[] = [{ local: [{ groups: '{0}' }], remote: [{ type: 'G' }] }];
    expect(() => run(noDomain, { G: 'plain' })).toThrow("Both 'groups' and 'domain' keywords must be specified.");
  });

  it('substitutes several remote matches, Python style, and rejects a missing one', () => {
    const rules: MappingRule[] = [{ local: [{ user: { name: '{0} {1}', email: '{2}', domain: { id: 'default' } } }], remote: [{ type: 'First' }, { type: 'Last' }, { type: 'Mail' }] }];
    const out = run(rules, { First: 'Bob', Last: 'Thompson', Mail: 'bob@example.com' });
    expect(out.user).toEqual({ name: 'Bob Thompson', email: 'bob@example.com', domain: { id: 'default' }, type: 'ephemeral' });
    const multi = run([{ local: [{ user: { name: '{0}' } }], remote: [{ type: 'N' }] }], { N: 'a;b' });
    expect(multi.user.name).toBe("['a', 'b']");
    const missing: MappingRule[] = [{ local: [{ user: { name: '{1}' } }], remote: [{ type: 'N' }] }];
    expect(() => run(missing, { N: 'a' })).toThrow(DirectMappingError);
    expect(() => run(missing, { N: 'a' })).toThrow(InternalError);
  });

  it('keeps the first user, the last projects, and checks the user type', () => {
    const rules: MappingRule[] = [
      { local: [{ user: { name: 'first', type: 'local' } }, { projects: [{ name: 'p1', roles: [{ name: 'member' }] }] }], remote: [{ type: 'A' }] },
      { local: [{ user: { name: 'second' } }, { projects: [{ name: 'p2', roles: [{ name: 'reader' }] }] }], remote: [{ type: 'A' }] },
    ];
    const out = run(rules, { A: 'x' });
    expect(out.user).toEqual({ name: 'first', type: 'local' });
    expect(out.projects).toEqual([{ name: 'p2', roles: [{ name: 'reader' }] }]);
    expect(() => run([{ local: [{ user: { name: 'u', type: 'robot' } }], remote: [{ type: 'A' }] }], { A: 'x' })).toThrow('User type robot not supported');
  });

  it('reads group_ids given as one id or as a printed list', () => {
    const rules: MappingRule[] = [{ local: [{ group_ids: '{0}' }], remote: [{ type: 'Ids' }] }];
    expect(run(rules, { Ids: 'one' }).group_ids).toEqual(['one']);
    expect(run(rules, { Ids: 'one;two' }).group_ids.sort()).toEqual(['one', 'two']);
    // Non-string assertion values are ignored, as Keystone does.
    expect(() => run(rules, { Ids: 5 })).toThrow(ValidationError);
  });
});

describe('python literals', () => {
  it('prints and reads back lists of strings', () => {
    expect(pyRepr(['a', "it's", 'b\\c'])).toBe(`['a', "it's", 'b\\\\c']`);
    expect(literalList(`['a', "it's", 'b\\\\c']`)).toEqual(['a', "it's", 'b\\c']);
    expect(literalList('[1, 2.5]')).toEqual([1, 2.5]);
    expect(literalList('[]')).toEqual([]);
    expect(literalList("'a'")).toBeUndefined();
    expect(literalList('[a, b]')).toBeUndefined();
    expect(literalList('7')).toBeUndefined();
  });
});
