import { namingAva, normalizeDn, parseDn } from './ldap-dn';

describe('DN parsing (RFC 4514)', () => {
  it('splits RDNs and multi-valued RDNs, unescaping values', () => {
    expect(parseDn('cn=Smith\\, John+uid=js,ou=Users,dc=example,dc=org')).toEqual([
      [
        { type: 'cn', value: 'Smith, John' },
        { type: 'uid', value: 'js' },
      ],
      [{ type: 'ou', value: 'Users' }],
      [{ type: 'dc', value: 'example' }],
      [{ type: 'dc', value: 'org' }],
    ]);
  });

  it('decodes hex escapes as UTF-8 and keeps escaped trailing spaces', () => {
    expect(namingAva('cn=Ren\\C3\\A9e,dc=x')).toEqual({ type: 'cn', value: 'Renée' });
    expect(namingAva('cn= padded\\20 , dc=x')).toEqual({ type: 'cn', value: 'padded ' });
    expect(namingAva('')).toBeNull();
  });

  it('normalises case, spacing and AVA order for comparison', () => {
    expect(normalizeDn('CN=Alice  Smith, OU=Users,DC=Example,DC=org')).toBe(normalizeDn('cn=alice smith,ou=users,dc=example,dc=org'));
    expect(normalizeDn('uid=a+cn=b,dc=x')).toBe(normalizeDn('cn=b+uid=a,dc=x'));
    expect(normalizeDn('cn=a,dc=x')).not.toBe(normalizeDn('cn=b,dc=x'));
  });
});
