import { startTestServer, type TestServer } from '../support/e2e-server';

/**
 * The domain configuration API as Tempest (test_domain_configuration) and
 * Keystone's own test_v3_domain_config exercise it: status codes, bodies,
 * HEAD, the sensitive options never echoed, and the default routes.
 */
describe('domain configuration API', () => {
  let ks: TestServer;
  let auth: Record<string, string>;
  const custom = { identity: { driver: 'ldap' }, ldap: { url: 'ldap://myldap.com:389/', user_tree_dn: 'ou=Users,dc=my_new_root,dc=org' } };

  beforeAll(async () => {
    ks = await startTestServer({ extraConfig: '[security_compliance]\npassword_regex = ^.{8,}$\n' });
    auth = { 'x-auth-token': ks.adminToken };
  });
  afterAll(async () => ks?.close());

  const call = (method: 'GET' | 'HEAD' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers = auth) =>
    ks.request({ method, url, headers, payload });

  async function newDomain(): Promise<string> {
    const created = await ks.request({ method: 'POST', url: '/v3/domains', headers: auth, payload: { domain: { name: `dom-${Math.random().toString(36).slice(2)}` } } });
    expect(created.statusCode).toBe(201);
    return created.json().domain.id;
  }

  it('creates a config (201, then 200 on replace) and shows it, its groups and options', async () => {
    const d = await newDomain();
    const created = await call('PUT', `/v3/domains/${d}/config`, { config: custom });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ config: custom });
    expect((await call('PUT', `/v3/domains/${d}/config`, { config: custom })).statusCode).toBe(200);
    expect((await call('GET', `/v3/domains/${d}/config`)).json()).toEqual({ config: custom });
    for (const [group, options] of Object.entries(custom)) {
      expect((await call('GET', `/v3/domains/${d}/config/${group}`)).json()).toEqual({ config: { [group]: options } });
      for (const [option, value] of Object.entries(options)) {
        const one = await call('GET', `/v3/domains/${d}/config/${group}/${option}`);
        expect(one.json()).toEqual({ config: { [option]: value } });
        const head = await call('HEAD', `/v3/domains/${d}/config/${group}/${option}`);
        expect(head.statusCode).toBe(200);
        expect(head.body).toBe('');
      }
    }
  });

  it('updates the whole config, then deletes it (404 afterwards)', async () => {
    const d = await newDomain();
    await call('PUT', `/v3/domains/${d}/config`, { config: custom });
    const changed = { ...custom, ldap: { ...custom.ldap, url: 'http://new.example.org/' } };
    const patched = await call('PATCH', `/v3/domains/${d}/config`, { config: changed });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toEqual({ config: changed });
    expect((await call('GET', `/v3/domains/${d}/config`)).json()).toEqual({ config: changed });
    expect((await call('DELETE', `/v3/domains/${d}/config`)).statusCode).toBe(204);
    const gone = await call('GET', `/v3/domains/${d}/config`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.message).toBe(`Could not find any options in domain configuration for domain ${d}.`);
    expect((await call('HEAD', `/v3/domains/${d}/config`)).statusCode).toBe(404);
  });

  it('updates and deletes groups and options (values keep their JSON type)', async () => {
    const d = await newDomain();
    await call('PUT', `/v3/domains/${d}/config`, { config: custom });
    const group = await call('PATCH', `/v3/domains/${d}/config/identity`, { config: { identity: { driver: 'driver-x', list_limit: 42 } } });
    expect(group.json().config.identity).toEqual({ driver: 'driver-x', list_limit: 42 });
    const option = await call('PATCH', `/v3/domains/${d}/config/identity/driver`, { config: { driver: 'driver-y' } });
    expect(option.json().config.identity.driver).toBe('driver-y');
    expect((await call('DELETE', `/v3/domains/${d}/config/identity/driver`)).statusCode).toBe(204);
    expect((await call('GET', `/v3/domains/${d}/config/identity/driver`)).statusCode).toBe(404);
    expect((await call('DELETE', `/v3/domains/${d}/config/identity`)).statusCode).toBe(204);
    expect((await call('GET', `/v3/domains/${d}/config/identity`)).statusCode).toBe(404);
    expect((await call('GET', `/v3/domains/${d}/config/ldap`)).statusCode).toBe(200);
  });

  it('never echoes a sensitive option, and never serves its default', async () => {
    const d = await newDomain();
    const put = await call('PUT', `/v3/domains/${d}/config`, { config: { ldap: { url: 'ldap://x', password: 'hunter2' } } });
    expect(put.statusCode).toBe(201);
    expect(put.body).not.toContain('hunter2');
    expect(put.json()).toEqual({ config: { ldap: { url: 'ldap://x' } } });
    for (const url of [`/v3/domains/${d}/config`, `/v3/domains/${d}/config/ldap`]) {
      const res = await call('GET', url);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('hunter2');
    }
    expect((await call('GET', `/v3/domains/${d}/config/ldap/password`)).statusCode).toBe(404);
    const patched = await call('PATCH', `/v3/domains/${d}/config/ldap/password`, { config: { password: 'hunter3' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.body).not.toContain('hunter3');
    expect((await call('GET', '/v3/domains/config/ldap/password/default')).statusCode).toBe(403);
    expect((await call('GET', '/v3/domains/config/ldap/default')).json().config.ldap).not.toHaveProperty('password');
  });

  it('refuses unsupported groups and options with Keystone\'s 403 and reason', async () => {
    const d = await newDomain();
    const badGroup = await call('PUT', `/v3/domains/${d}/config`, { config: { resource: { driver: 'x' } } });
    expect(badGroup.statusCode).toBe(403);
    expect(badGroup.json().error.message).toBe(
      'Invalid domain specific configuration: Group resource is not supported for domain specific configurations.',
    );
    const badOption = await call('PUT', `/v3/domains/${d}/config`, { config: { ldap: { nope: 'x' } } });
    expect(badOption.statusCode).toBe(403);
    expect((await call('PUT', `/v3/domains/${d}/config`, { config: {} })).json().error.message).toBe(
      'Invalid domain specific configuration: No options specified.',
    );
    await call('PUT', `/v3/domains/${d}/config`, { config: { ldap: { suffix: 'dc=x' } } });
    expect((await call('PATCH', `/v3/domains/${d}/config/nope`, { config: { nope: { url: 'x' } } })).statusCode).toBe(403);
    expect((await call('PATCH', `/v3/domains/${d}/config/identity`, { config: { identity: { driver: 'x' } } })).statusCode).toBe(404);
    expect((await call('PATCH', `/v3/domains/${d}/config/ldap/nope`, { config: { ldap: { nope: 'x' } } })).statusCode).toBe(403);
    expect((await call('PATCH', `/v3/domains/${d}/config/ldap/url`, { config: { url: 'x' } })).statusCode).toBe(404);
  });

  it('answers 404 for an unknown domain on every route', async () => {
    const d = 'f'.repeat(32);
    expect((await call('PUT', `/v3/domains/${d}/config`, { config: custom })).statusCode).toBe(404);
    for (const url of [`/v3/domains/${d}/config`, `/v3/domains/${d}/config/ldap`, `/v3/domains/${d}/config/ldap/url`]) {
      expect((await call('GET', url)).statusCode).toBe(404);
      expect((await call('HEAD', url)).statusCode).toBe(404);
      expect((await call('DELETE', url)).statusCode).toBe(404);
    }
    expect((await call('PATCH', `/v3/domains/${d}/config`, { config: custom })).statusCode).toBe(404);
  });

  it('serves the defaults from keystone.conf, whitelisted options only', async () => {
    const all = await call('GET', '/v3/domains/config/default');
    expect(all.statusCode).toBe(200);
    expect(Object.keys(all.json().config).sort()).toEqual(['identity', 'ldap']);
    const identity = await call('GET', '/v3/domains/config/identity/default');
    expect(identity.json()).toEqual({ config: { identity: { driver: 'sql', list_limit: null } } });
    for (const option of Object.keys(all.json().config.ldap)) {
      const one = await call('GET', `/v3/domains/config/ldap/${option}/default`);
      expect(one.statusCode).toBe(200);
      expect(Object.keys(one.json().config)).toEqual([option]);
    }
    expect((await call('HEAD', '/v3/domains/config/default')).statusCode).toBe(200);
    expect((await call('GET', '/v3/domains/config/resource/default')).statusCode).toBe(403);
    expect((await call('HEAD', '/v3/domains/config/nope/default')).statusCode).toBe(403);
    expect((await call('GET', '/v3/domains/config/ldap/nope/default')).statusCode).toBe(403);
  });

  it('lets any user read the default domain\'s password rules, and nobody change them', async () => {
    await ks.request({ method: 'POST', url: '/v3/users', headers: auth, payload: { user: { name: 'plain', password: 'plain-pass-1' } } });
    const plain = { 'x-auth-token': await ks.token('plain', 'plain-pass-1') };
    const rules = await call('GET', '/v3/domains/default/config/security_compliance', undefined, plain);
    expect(rules.statusCode).toBe(200);
    // The value keystone.conf sets, once [security_compliance] is served (null, Keystone's default, until then).
    const regex = ks.runtime.config.registry.get('security_compliance', 'password_regex') ? '^.{8,}$' : null;
    expect(rules.json()).toEqual({ config: { security_compliance: { password_regex: regex, password_regex_description: null } } });
    expect((await call('HEAD', '/v3/domains/default/config/security_compliance/password_regex', undefined, plain)).statusCode).toBe(200);
    expect((await call('GET', '/v3/domains/default/config/security_compliance/lockout_failure_attempts', undefined, plain)).statusCode).toBe(403);
    const other = await newDomain();
    expect((await call('GET', `/v3/domains/${other}/config/security_compliance`)).statusCode).toBe(403);
    for (const method of ['PATCH', 'DELETE'] as const) {
      for (const who of [auth, plain]) {
        const res = await call(method, '/v3/domains/default/config/security_compliance/password_regex', { config: { password_regex: 'x' } }, who);
        expect(res.statusCode).toBe(403);
      }
    }
    // Everything else stays admin-only.
    expect((await call('GET', `/v3/domains/${other}/config`, undefined, plain)).statusCode).toBe(403);
    expect((await call('GET', '/v3/domains/config/default', undefined, plain)).statusCode).toBe(403);
    expect((await call('GET', '/v3/domains/config/default', undefined, {})).statusCode).toBe(401);
  });

  it('lists the config routes in JSON-Home under Keystone\'s relations', async () => {
    const home = await ks.request({ method: 'GET', url: '/v3', headers: { accept: 'application/json-home' } });
    const rel = (name: string) => home.json().resources[`https://docs.openstack.org/api/openstack-identity/3/rel/${name}`];
    // Prefixed as the registry prefixes every relation of this document.
    const prefix = rel('domains').href.replace(/\/domains$/, '');
    expect(rel('domain_config')).toEqual({
      'href-template': `${prefix}/domains/{domain_id}/config`,
      'href-vars': { domain_id: 'https://docs.openstack.org/api/openstack-identity/3/param/domain_id' },
    });
    expect(rel('domain_config_default')).toEqual({ href: `${prefix}/domains/config/default` });
    for (const name of ['domain_config_group', 'domain_config_option', 'domain_config_default_group', 'domain_config_default_option']) {
      expect(rel(name)).toBeDefined();
    }
  });
});
