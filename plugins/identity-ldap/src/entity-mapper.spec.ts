import { enabledFromAttribute, hasName, mapAttributes, requestedAttributes, toLdapEntry } from './entity-mapper';
import { readLdapSettings } from './ldap-settings';
import type { LdapOptionValues } from './ldap.options';
import { ldapOptions } from './ldap.options';

/** [ldap] with Keystone's defaults, overridden by `o`. */
function settings(o: Partial<LdapOptionValues> = {}) {
  const defaults = Object.fromEntries(Object.entries(ldapOptions.options).map(([k, d]) => [k, d.default ?? null])) as LdapOptionValues;
  return readLdapSettings({ ...defaults, suffix: 'dc=example,dc=org', ...o });
}

const entry = (attrs: Record<string, string | string[]>, dn = 'cn=u1,ou=Users,dc=example,dc=org') => toLdapEntry({ dn, ...attrs });

describe('attribute mapping', () => {
  it("reads Keystone's default user mapping, attribute names in any case", () => {
    const s = settings();
    const e = entry({ CN: 'u1', SN: 'Alice', Description: 'Dev', MAIL: 'a@x.org', userPassword: '{SSHA}x', enabled: 'TRUE' });
    expect(mapAttributes(e, s.users, () => null)).toEqual({ id: 'u1', name: 'Alice', description: 'Dev', email: 'a@x.org', enabled: 'TRUE' });
  });

  it('never maps the password, skips ignored attributes and adds the additional mapping', () => {
    const s = settings({
      user_attribute_ignore: ['description', 'default_project_id'],
      user_additional_attribute_mapping: ['telephoneNumber:phone', 'description:desc2'],
    });
    const e = entry({ cn: 'u1', sn: 'A', description: 'D', telephoneNumber: '123', userPassword: 'p' });
    expect(mapAttributes(e, s.users, () => null)).toEqual({ id: 'u1', name: 'A', phone: '123', desc2: 'D' });
    expect(requestedAttributes(s.users)).not.toContain('userPassword');
    expect(requestedAttributes(s.users)).toEqual(expect.arrayContaining(['cn', 'sn', 'telephoneNumber']));
  });

  it('maps custom id/name attributes and the default_project_id once not ignored', () => {
    const s = settings({ user_id_attribute: 'uid', user_name_attribute: 'cn', user_attribute_ignore: [], user_default_project_id_attribute: 'departmentNumber' });
    const e = entry({ uid: 'jdoe', cn: 'John Doe', departmentNumber: 'p1' });
    expect(mapAttributes(e, s.users, () => null)).toEqual({ id: 'jdoe', name: 'John Doe', default_project_id: 'p1' });
  });

  it('takes a multi-valued ID from the DN, as Keystone does', () => {
    const s = settings();
    const e = entry({ cn: ['other', 'u1'], sn: 'A' });
    expect(mapAttributes(e, s.users, () => 'u1').id).toBe('u1');
  });

  it('ignores entries without a (non-blank) name', () => {
    const s = settings();
    expect(hasName(entry({ cn: 'u', sn: 'x' }), s.users)).toBe(true);
    expect(hasName(entry({ cn: 'u', sn: '  ' }), s.users)).toBe(false);
    expect(hasName(entry({ cn: 'u' }), s.users)).toBe(false);
  });

  it('maps groups with ou as the name and desc attribute', () => {
    const s = settings({ group_additional_attribute_mapping: ['businessCategory:category'] });
    const e = entry({ cn: 'g1', ou: 'Admins', description: 'd', businessCategory: 'ops' }, 'cn=g1,ou=UserGroups,dc=example,dc=org');
    expect(mapAttributes(e, s.groups, () => null)).toEqual({ id: 'g1', name: 'Admins', description: 'd', category: 'ops' });
  });
});

describe('enabled', () => {
  it('reads TRUE/FALSE, true/false, integers, and the default when absent', () => {
    const s = settings();
    const read = (v: string | undefined) => enabledFromAttribute(v, s.users, s.enabled);
    expect([read('TRUE'), read('true'), read('FALSE'), read('no'), read('1'), read('0'), read(undefined)]).toEqual([true, true, false, false, true, false, true]);
    const off = settings({ user_enabled_default: 'False' });
    expect(enabledFromAttribute(undefined, off.users, off.enabled)).toBe(false);
  });

  it('inverts a lock flag', () => {
    const s = settings({ user_enabled_invert: true });
    expect(enabledFromAttribute('TRUE', s.users, s.enabled)).toBe(false);
    expect(enabledFromAttribute('FALSE', s.users, s.enabled)).toBe(true);
  });

  it('applies a mask (userAccountControl), ignoring invert, with an integer default', () => {
    const s = settings({ user_enabled_mask: 2, user_enabled_default: '512', user_enabled_invert: true });
    const read = (v: string | undefined) => enabledFromAttribute(v, s.users, s.enabled);
    expect([read('512'), read('514'), read('66048'), read('66050'), read(undefined)]).toEqual([true, false, true, false, true]);
  });

  it('defers to emulation (undefined), unless enabled is ignored (then always enabled)', () => {
    const emu = settings({ user_enabled_emulation: true });
    expect(enabledFromAttribute('FALSE', emu.users, emu.enabled)).toBeUndefined();
    expect(emu.enabled.emulation).toEqual({ dn: 'cn=enabled_users,ou=Users,dc=example,dc=org', memberAttribute: 'member', objectClass: 'groupOfNames', membersAreIds: false });
    const ignored = settings({ user_attribute_ignore: ['enabled'] });
    expect(enabledFromAttribute('FALSE', ignored.users, ignored.enabled)).toBe(true);
  });

  it('uses the group settings for the emulation group when asked', () => {
    const s = settings({
      user_enabled_emulation: true,
      user_enabled_emulation_dn: 'cn=active,dc=example,dc=org',
      user_enabled_emulation_use_group_config: true,
      group_member_attribute: 'memberUid',
      group_objectclass: 'posixGroup',
      group_members_are_ids: true,
    });
    expect(s.enabled.emulation).toEqual({ dn: 'cn=active,dc=example,dc=org', memberAttribute: 'memberUid', objectClass: 'posixGroup', membersAreIds: true });
  });
});

describe('[ldap] settings', () => {
  it("defaults the trees from the suffix and splits the URL list", () => {
    const s = settings({ url: 'ldap://a:389, ldap://b:389' });
    expect(s.connection.urls).toEqual(['ldap://a:389', 'ldap://b:389']);
    expect(s.users.treeDn).toBe('ou=Users,dc=example,dc=org');
    expect(s.groups.treeDn).toBe('ou=UserGroups,dc=example,dc=org');
    expect(s.scope).toBe('one');
    expect(s.derefAliases).toBe('never');
  });

  it('refuses values that would break filters or connections, naming the option', () => {
    expect(() => settings({ user_filter: 'objectClass=*)(' })).toThrow(/\[ldap\] user_filter/);
    expect(() => settings({ user_id_attribute: 'cn)(x' })).toThrow(/\[ldap\] user_id_attribute/);
    expect(() => settings({ url: 'http://x' })).toThrow(/\[ldap\] url/);
    expect(() => settings({ url: 'ldaps://x', use_tls: true })).toThrow(/Invalid TLS \/ LDAPS combination/);
    expect(() => settings({ user_additional_attribute_mapping: ['nocolon'] })).toThrow(/user_additional_attribute_mapping/);
    expect(() => settings({ user_additional_attribute_mapping: ['uid:id'] })).toThrow(/cannot be mapped/);
    expect(() => settings({ url: 'ldaps://x', tls_cacertfile: '/nonexistent/ca.pem' })).toThrow(/tls_cacertfile/);
  });

  it('accepts a parenthesised operator filter', () => {
    expect(settings({ user_filter: '(&(objectClass=person)(!(title=robot)))' }).users.filter).toBe('(&(objectClass=person)(!(title=robot)))');
  });
});
