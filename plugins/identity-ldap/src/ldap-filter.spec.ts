import { FilterParser } from 'ldapts';
import { DriverHints } from '@keystone-ts/plugin-sdk';
import { and, equals, escapeFilterValue, hintTerms, inChain, or } from './ldap-filter';

const USER_MAP = { name: 'sn', description: 'description', email: 'mail', password: 'userPassword', enabled: 'enabled', default_project_id: null };

describe('escapeFilterValue (RFC 4515)', () => {
  it('escapes the five special characters and nothing else', () => {
    expect(escapeFilterValue('a*b(c)d\\e\0f')).toBe('a\\2ab\\28c\\29d\\5ce\\00f');
    expect(escapeFilterValue('plain name-é@x.org')).toBe('plain name-é@x.org');
  });

  it('keeps an injection attempt a single equality assertion on the literal value', () => {
    const attack = '*)(uid=*))(|(uid=*';
    const filter = equals('sn', attack);
    expect(filter).toBe('(sn=\\2a\\29\\28uid=\\2a\\29\\29\\28|\\28uid=\\2a)');
    const parsed = FilterParser.parseString(filter) as unknown as { attribute: string; value: string; constructor: { name: string } };
    expect(parsed.constructor.name).toBe('EqualityFilter');
    expect(parsed.attribute).toBe('sn');
    expect(parsed.value).toBe(attack);
  });
});

describe('filter composition', () => {
  it('and() drops empty terms and does not wrap a single one', () => {
    expect(and('', null, '(a=1)')).toBe('(a=1)');
    expect(and('(a=1)', undefined, '(b=2)')).toBe('(&(a=1)(b=2))');
    expect(and()).toBe('');
  });

  it('or() and the AD in-chain rule escape their values', () => {
    expect(or(['(cn=a)'])).toBe('(cn=a)');
    expect(or(['(cn=a)', '(cn=b)'])).toBe('(|(cn=a)(cn=b))');
    expect(inChain('member', 'cn=x(1),dc=org')).toBe('(member:1.2.840.113556.1.4.1941:=cn=x\\281\\29,dc=org)');
    expect(() => FilterParser.parseString(inChain('member', 'cn=x(1),dc=org'))).not.toThrow();
  });
});

describe('hintTerms (Keystone filter_query)', () => {
  it('maps each comparator onto the LDAP attribute with the value escaped', () => {
    const hints = new DriverHints()
      .addFilter('name', 'a*', 'equals', false)
      .addFilter('name', 'b(', 'contains', false)
      .addFilter('description', 'c)', 'startswith', false)
      .addFilter('email', '@x.org', 'endswith', false);
    expect(hintTerms(hints, USER_MAP, [])).toEqual(['(sn=a\\2a)', '(sn=*b\\28*)', '(description=c\\29*)', '(mail=*@x.org)']);
    expect(hints.filters).toEqual([]);
  });

  it('sends case-sensitive filters but leaves them for the manager to compare exactly', () => {
    const hints = new DriverHints().addFilter('name', 'Alice');
    expect(hintTerms(hints, USER_MAP, [])).toEqual(['(sn=Alice)']);
    expect(hints.filters.map((f) => f.name)).toEqual(['name']);
  });

  it('leaves enabled, password, unmapped, ignored, non-string and empty filters to the manager', () => {
    const hints = new DriverHints()
      .addFilter('enabled', true, 'equals', false)
      .addFilter('password', 'x', 'equals', false)
      .addFilter('domain_id', 'default', 'equals', false)
      .addFilter('default_project_id', 'p', 'equals', false)
      .addFilter('description', 'd', 'equals', false)
      .addFilter('name', '', 'contains', false)
      .addFilter('name', 'x', 'lt' as never, false);
    expect(hintTerms(hints, USER_MAP, ['description'])).toEqual([]);
    expect(hints.filters).toHaveLength(7);
  });
});
