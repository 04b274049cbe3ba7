import { Sha256IdGenerator } from '@keystone-ts/core';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/e2e-server';
import { LDAP_ADMIN_DN, LDAP_ADMIN_PASSWORD, LDAP_SUFFIX, seedDirectory, startSlapd, type TestSlapd } from '../support/slapd';

/**
 * The LDAP driver as a domain-specific driver (keystone.<domain>.conf) next
 * to SQL in the default domain, as Keystone deployments commonly run it.
 * Three domains read the same directory with different `[ldap]` options:
 * a plain boolean enabled attribute, a userAccountControl-style mask, and
 * enabled emulation (the mask domain also runs without connection pools).
 * Public IDs are the id-mapping's sha256 ones.
 */
describe('LDAP identity driver (domain-specific, SQL default)', () => {
  let slapd: TestSlapd;
  let ks: TestServer;
  let auth: Record<string, string>;
  const domains: Record<string, string> = {};

  const ldapConf = (extra: string[]) =>
    [
      '[identity]',
      'driver = ldap',
      '[ldap]',
      `url = ${slapd.url}`,
      `user = ${LDAP_ADMIN_DN}`,
      `password = ${LDAP_ADMIN_PASSWORD}`,
      `suffix = ${LDAP_SUFFIX}`,
      'pool_retry_max = 1',
      ...extra,
    ].join('\n');

  beforeAll(async () => {
    slapd = await startSlapd();
    await seedDirectory(slapd, 'not-the-keystone-admin');
    ks = await startTestServer({
      files: {
        'domains/keystone.ldapdom.conf': ldapConf(['user_enabled_attribute = employeeType']),
        'domains/keystone.maskdom.conf': ldapConf(['user_enabled_attribute = employeeNumber', 'user_enabled_mask = 2', 'user_enabled_default = 512', 'use_pool = false']),
        'domains/keystone.emudom.conf': ldapConf(['user_enabled_emulation = true']),
      },
      extraConfig: ['[identity]', 'domain_specific_drivers_enabled = true', 'domain_config_dir = $state_path/domains'].join('\n'),
    });
    auth = { 'x-auth-token': ks.adminToken };
    for (const name of ['ldapdom', 'maskdom', 'emudom']) {
      const res = await ks.request({ method: 'POST', url: '/v3/domains', headers: auth, payload: { domain: { name } } });
      expect(res.statusCode).toBe(201);
      domains[name] = res.json().domain.id;
    }
  });
  afterAll(async () => {
    await ks?.close();
    slapd?.close();
  });

  const get = (url: string) => ks.request({ method: 'GET', url, headers: auth });
  const publicId = (domain: string, local: string, type: 'user' | 'group' = 'user') =>
    new Sha256IdGenerator().generatePublicId({ domain_id: domains[domain], local_id: local, entity_type: type });
  const usersOf = async (domain: string, query = '') => {
    const res = await get(`/v3/users?domain_id=${domains[domain]}${query}`);
    expect(res.statusCode).toBe(200);
    return (res.json().users as { id: string; name: string; enabled: boolean; domain_id: string }[]).sort((a, b) => a.name.localeCompare(b.name));
  };

  it('keeps the default domain on SQL', async () => {
    expect((await get('/v3/users?domain_id=default')).json().users.map((u: { name: string }) => u.name)).toEqual(['admin']);
    expect((await ks.token('admin', ADMIN_PASSWORD, 'admin')).length).toBeGreaterThan(0);
  });

  it("serves the domain's users from LDAP under sha256 public IDs", async () => {
    const users = await usersOf('ldapdom');
    expect(users.map((u) => [u.name, u.id, u.domain_id])).toEqual([
      ['admin', publicId('ldapdom', 'admin'), domains.ldapdom],
      ['Alice', publicId('ldapdom', 'alice'), domains.ldapdom],
      ['Bob', publicId('ldapdom', 'bob'), domains.ldapdom],
      ['Carol (ops)*', publicId('ldapdom', 'carol'), domains.ldapdom],
    ]);
    expect(publicId('ldapdom', 'alice')).toMatch(/^[0-9a-f]{64}$/);
    const alice = (await get(`/v3/users/${publicId('ldapdom', 'alice')}`)).json().user;
    expect(alice).toMatchObject({ name: 'Alice', email: 'alice@example.org', domain_id: domains.ldapdom, enabled: true });
    expect((await usersOf('ldapdom', '&name=Bob')).map((u) => u.name)).toEqual(['Bob']);
  });

  it('serves groups and memberships with public IDs in both directions', async () => {
    const groups = (await get(`/v3/groups?domain_id=${domains.ldapdom}`)).json().groups as { id: string; name: string }[];
    expect(groups.map((g) => [g.name, g.id]).sort()).toEqual([
      ['Developers', publicId('ldapdom', 'devs', 'group')],
      ['Operators', publicId('ldapdom', 'ops', 'group')],
    ]);
    const members = (await get(`/v3/groups/${publicId('ldapdom', 'devs', 'group')}/users`)).json().users as { id: string }[];
    expect(members.map((u) => u.id).sort()).toEqual([publicId('ldapdom', 'alice'), publicId('ldapdom', 'bob')].sort());
    const ofCarol = (await get(`/v3/users/${publicId('ldapdom', 'carol')}/groups`)).json().groups as { id: string }[];
    expect(ofCarol.map((g) => g.id)).toEqual([publicId('ldapdom', 'ops', 'group')]);
  });

  it('issues a token to an LDAP user of the domain after a role grant', async () => {
    const project = await ks.request({ method: 'POST', url: '/v3/projects', headers: auth, payload: { project: { name: 'ldapproj', domain_id: domains.ldapdom } } });
    expect(project.statusCode).toBe(201);
    const member = (await get('/v3/roles?name=member')).json().roles[0];
    const grant = await ks.request({ method: 'PUT', url: `/v3/projects/${project.json().project.id}/users/${publicId('ldapdom', 'alice')}/roles/${member.id}`, headers: auth });
    expect(grant.statusCode).toBe(204);
    const token = await ks.token('Alice', 'alice-pass', 'ldapproj', 'ldapdom');
    const validated = await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth, 'x-subject-token': token } });
    expect(validated.json().token.user).toMatchObject({ id: publicId('ldapdom', 'alice'), name: 'Alice', domain: { id: domains.ldapdom, name: 'ldapdom' } });
    await expect(ks.token('Alice', 'wrong', 'ldapproj', 'ldapdom')).rejects.toThrow(/401/);
  });

  it('reads enabled through a mask (employeeNumber & 2 set = disabled)', async () => {
    expect((await usersOf('maskdom')).map((u) => [u.name, u.enabled])).toEqual([
      ['admin', true],
      ['Alice', true],
      ['Bob', false],
      ['Carol (ops)*', true],
    ]);
    expect((await usersOf('maskdom', '&enabled=false')).map((u) => u.name)).toEqual(['Bob']);
    expect((await get(`/v3/users/${publicId('maskdom', 'bob')}`)).json().user.enabled).toBe(false);
  });

  it('reads enabled from the enabled-users group with emulation, in lists and single reads', async () => {
    expect((await usersOf('emudom')).map((u) => [u.name, u.enabled])).toEqual([
      ['admin', true],
      ['Alice', true],
      ['Bob', false],
      ['Carol (ops)*', false],
    ]);
    expect((await get(`/v3/users/${publicId('emudom', 'alice')}`)).json().user.enabled).toBe(true);
    expect((await get(`/v3/users/${publicId('emudom', 'carol')}`)).json().user.enabled).toBe(false);
  });

  it('refuses writes in an LDAP domain with Keystone\'s message, and keeps SQL writable', async () => {
    const denied = await ks.request({ method: 'POST', url: '/v3/users', headers: auth, payload: { user: { name: 'eve', domain_id: domains.ldapdom } } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toBe('LDAP does not support write operations');
    const groupDenied = await ks.request({ method: 'POST', url: '/v3/groups', headers: auth, payload: { group: { name: 'g', domain_id: domains.ldapdom } } });
    expect(groupDenied.statusCode).toBe(403);
    const created = await ks.request({ method: 'POST', url: '/v3/users', headers: auth, payload: { user: { name: 'eve' } } });
    expect(created.statusCode).toBe(201);
  });
});
