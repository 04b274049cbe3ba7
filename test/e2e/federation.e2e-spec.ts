import { startTestServer, type TestServer } from '../support/e2e-server';

const FED = '/v3/OS-FEDERATION';
/** Fastify's injector addresses the server as localhost:80. */
const BASE = 'http://localhost:80/v3/OS-FEDERATION';

/** keystone_tempest_plugin's mapping fixture. */
const MAPPING = {
  rules: [
    {
      local: [{ user: { name: '{0}' } }, { group_ids: '{1}' }],
      remote: [{ type: 'openstack_username' }, { type: 'group_ids', whitelist: ['abc', '123'] }],
    },
  ],
};

describe('OS-FEDERATION', () => {
  let ks: TestServer;
  let auth: Record<string, string>;
  const req = (method: 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST', url: string, payload?: unknown, headers = auth) =>
    ks.request({ method, url, headers, payload });

  beforeAll(async () => {
    ks = await startTestServer();
    auth = { 'x-auth-token': ks.adminToken };
  });
  afterAll(async () => ks?.close());

  describe('identity providers', () => {
    it('creates a provider with a domain of its own, disabled and without remote ids by default', async () => {
      const res = await req('PUT', `${FED}/identity_providers/idp-a`, { identity_provider: { description: 'A' } });
      expect(res.statusCode).toBe(201);
      const idp = res.json().identity_provider;
      expect(idp).toMatchObject({ id: 'idp-a', enabled: false, description: 'A', remote_ids: [], authorization_ttl: null });
      expect(idp.links).toEqual({
        self: `${BASE}/identity_providers/idp-a`,
        protocols: `${BASE}/identity_providers/idp-a/protocols`,
      });
      const domain = await req('GET', `/v3/domains/${idp.domain_id}`);
      expect(domain.statusCode).toBe(200);
      expect(domain.json().domain).toMatchObject({ name: idp.domain_id, enabled: true, description: 'Auto generated federated domain for Identity Provider: idp-a' });

      const got = await req('GET', `${FED}/identity_providers/idp-a`);
      expect(got.json().identity_provider).toEqual(idp);
    });

    it('accepts an empty body (Keystone reads a missing member as {})', async () => {
      const res = await req('PUT', `${FED}/identity_providers/idp-empty`, {});
      expect(res.statusCode).toBe(201);
      expect(res.json().identity_provider).toMatchObject({ enabled: false, description: null });
    });

    it('refuses a duplicate id with 409 and leaves no extra domain behind', async () => {
      await req('PUT', `${FED}/identity_providers/idp-dup`, { identity_provider: {} });
      const before = (await req('GET', '/v3/domains')).json().domains.length;
      const res = await req('PUT', `${FED}/identity_providers/idp-dup`, { identity_provider: {} });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 409, title: 'Conflict' });
      expect((await req('GET', '/v3/domains')).json().domains.length).toBe(before);
    });

    it('uses a given domain, 404 for an unknown one, and never moves a provider to another domain', async () => {
      const domain = (await req('POST', '/v3/domains', { domain: { name: 'fed-dom' } })).json().domain;
      const res = await req('PUT', `${FED}/identity_providers/idp-in-dom`, { identity_provider: { domain_id: domain.id, enabled: true } });
      expect(res.statusCode).toBe(201);
      expect(res.json().identity_provider).toMatchObject({ domain_id: domain.id, enabled: true });
      const unknown = await req('PUT', `${FED}/identity_providers/idp-nodom`, { identity_provider: { domain_id: 'nosuchdomain' } });
      expect(unknown.statusCode).toBe(404);
      expect((await req('PATCH', `${FED}/identity_providers/idp-in-dom`, { identity_provider: { domain_id: 'default' } })).statusCode).toBe(400);
    });

    it('keeps remote ids unique across providers', async () => {
      const a = await req('PUT', `${FED}/identity_providers/idp-r1`, { identity_provider: { remote_ids: ['https://r/2', 'https://r/1'] } });
      expect(a.json().identity_provider.remote_ids).toEqual(['https://r/1', 'https://r/2']);
      const b = await req('PUT', `${FED}/identity_providers/idp-r2`, { identity_provider: { remote_ids: ['https://r/3', 'https://r/1'] } });
      expect(b.statusCode).toBe(409);
      expect(b.json().error.message).toContain('Duplicate remote ID: https://r/1');
      expect((await req('GET', `${FED}/identity_providers/idp-r2`)).statusCode).toBe(404);
      await req('PUT', `${FED}/identity_providers/idp-r3`, { identity_provider: { remote_ids: ['https://r/3'] } });
      const taken = await req('PATCH', `${FED}/identity_providers/idp-r3`, { identity_provider: { remote_ids: ['https://r/2'] } });
      expect(taken.statusCode).toBe(409);
      const same = await req('PATCH', `${FED}/identity_providers/idp-r1`, { identity_provider: { remote_ids: ['https://r/1', 'https://r/4'] } });
      expect(same.json().identity_provider.remote_ids).toEqual(['https://r/1', 'https://r/4']);
      const cleared = await req('PATCH', `${FED}/identity_providers/idp-r1`, { identity_provider: { remote_ids: null } });
      expect(cleared.json().identity_provider.remote_ids).toEqual([]);
      expect((await req('PUT', `${FED}/identity_providers/idp-r5`, { identity_provider: { remote_ids: ['x', 'x'] } })).statusCode).toBe(400);
    });

    it('stores authorization_ttl and updates enabled and description', async () => {
      const res = await req('PUT', `${FED}/identity_providers/idp-ttl`, { identity_provider: { authorization_ttl: 30, enabled: true } });
      expect(res.json().identity_provider).toMatchObject({ authorization_ttl: 30, enabled: true });
      const patched = await req('PATCH', `${FED}/identity_providers/idp-ttl`, { identity_provider: { enabled: false, description: 'd', authorization_ttl: null } });
      expect(patched.statusCode).toBe(200);
      expect(patched.json().identity_provider).toMatchObject({ enabled: false, description: 'd', authorization_ttl: null });
      expect((await req('PATCH', `${FED}/identity_providers/idp-ttl`, { identity_provider: { authorization_ttl: -1 } })).statusCode).toBe(400);
      expect((await req('PATCH', `${FED}/identity_providers/idp-ttl`, { identity_provider: {} })).statusCode).toBe(400);
      expect((await req('PATCH', `${FED}/identity_providers/idp-ttl`, { identity_provider: { bogus: 1 } })).statusCode).toBe(400);
      expect((await req('PATCH', `${FED}/identity_providers/nosuch`, { identity_provider: { enabled: true } })).statusCode).toBe(404);
    });

    it('lists providers, filtered by enabled and id', async () => {
      const all = (await req('GET', `${FED}/identity_providers`)).json();
      expect(all.links.self).toBe(`${BASE}/identity_providers`);
      expect(all.identity_providers.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(['idp-a', 'idp-in-dom']));
      const enabled = (await req('GET', `${FED}/identity_providers?enabled=true`)).json().identity_providers;
      expect(enabled.every((i: { enabled: boolean }) => i.enabled)).toBe(true);
      expect(enabled.map((i: { id: string }) => i.id)).toContain('idp-in-dom');
      expect((await req('GET', `${FED}/identity_providers?id=idp-a`)).json().identity_providers.map((i: { id: string }) => i.id)).toEqual(['idp-a']);
    });

    it('answers 404 with Keystone’s message for an unknown provider', async () => {
      const res = await req('GET', `${FED}/identity_providers/nosuch`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toEqual({ code: 404, title: 'Not Found', message: 'Could not find Identity Provider: nosuch.' });
      expect((await req('DELETE', `${FED}/identity_providers/nosuch`)).statusCode).toBe(404);
    });

    it('requires an admin: a member is refused', async () => {
      const member = (await req('GET', '/v3/roles?name=member')).json().roles[0];
      const project = (await req('GET', '/v3/projects?name=admin')).json().projects[0];
      const user = (await req('POST', '/v3/users', { user: { name: 'fed-member', password: 'pw-member-1', domain_id: 'default' } })).json().user;
      await req('PUT', `/v3/projects/${project.id}/users/${user.id}/roles/${member.id}`);
      const token = await ks.token('fed-member', 'pw-member-1', 'admin');
      const res = await req('PUT', `${FED}/identity_providers/idp-member`, { identity_provider: {} }, { 'x-auth-token': token });
      expect(res.statusCode).toBe(403);
      expect((await req('GET', `${FED}/identity_providers`, undefined, {})).statusCode).toBe(401);
    });
  });

  describe('protocols', () => {
    beforeAll(async () => {
      await req('PUT', `${FED}/identity_providers/idp-p`, { identity_provider: { enabled: true } });
      await req('PUT', `${FED}/mappings/map-p1`, { mapping: MAPPING });
      await req('PUT', `${FED}/mappings/map-p2`, { mapping: MAPPING });
    });

    it('creates, reads, lists, updates and deletes a protocol', async () => {
      const created = await req('PUT', `${FED}/identity_providers/idp-p/protocols/saml2`, { protocol: { mapping_id: 'map-p1', remote_id_attribute: 'Shib-Identity-Provider' } });
      expect(created.statusCode).toBe(201);
      expect(created.json().protocol).toEqual({
        id: 'saml2',
        mapping_id: 'map-p1',
        remote_id_attribute: 'Shib-Identity-Provider',
        links: {
          self: `${BASE}/identity_providers/idp-p/protocols/saml2`,
          identity_provider: `${BASE}/identity_providers/idp-p`,
        },
      });
      expect((await req('GET', `${FED}/identity_providers/idp-p/protocols/saml2`)).json().protocol.mapping_id).toBe('map-p1');
      const listed = (await req('GET', `${FED}/identity_providers/idp-p/protocols`)).json();
      expect(listed.protocols).toEqual([expect.objectContaining({ id: 'saml2', idp_id: 'idp-p', mapping_id: 'map-p1' })]);
      const patched = await req('PATCH', `${FED}/identity_providers/idp-p/protocols/saml2`, { protocol: { mapping_id: 'map-p2' } });
      expect(patched.json().protocol).toMatchObject({ mapping_id: 'map-p2', remote_id_attribute: 'Shib-Identity-Provider' });
      const attr = await req('PATCH', `${FED}/identity_providers/idp-p/protocols/saml2`, { protocol: { remote_id_attribute: 'other' } });
      expect(attr.json().protocol).toMatchObject({ mapping_id: 'map-p2', remote_id_attribute: 'other' });
      expect((await req('DELETE', `${FED}/identity_providers/idp-p/protocols/saml2`)).statusCode).toBe(204);
      const gone = await req('GET', `${FED}/identity_providers/idp-p/protocols/saml2`);
      expect(gone.statusCode).toBe(404);
      expect(gone.json().error.message).toBe('Could not find federated protocol saml2 for Identity Provider: idp-p.');
    });

    it('needs an existing mapping (400) and an existing provider (404)', async () => {
      const bad = await req('PUT', `${FED}/identity_providers/idp-p/protocols/oidc`, { protocol: { mapping_id: 'nosuch' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toBe('Invalid mapping id: nosuch');
      expect((await req('PUT', `${FED}/identity_providers/nosuch/protocols/oidc`, { protocol: { mapping_id: 'map-p1' } })).statusCode).toBe(404);
      expect((await req('PUT', `${FED}/identity_providers/idp-p/protocols/oidc`, { protocol: {} })).statusCode).toBe(400);
      expect((await req('PUT', `${FED}/identity_providers/idp-p/protocols/oidc`, { protocol: { mapping_id: 'bad id!' } })).statusCode).toBe(400);
      await req('PUT', `${FED}/identity_providers/idp-p/protocols/oidc`, { protocol: { mapping_id: 'map-p1' } });
      expect((await req('PATCH', `${FED}/identity_providers/idp-p/protocols/oidc`, { protocol: { mapping_id: 'nosuch' } })).statusCode).toBe(400);
      const dup = await req('PUT', `${FED}/identity_providers/idp-p/protocols/oidc`, { protocol: { mapping_id: 'map-p1' } });
      expect(dup.statusCode).toBe(409);
    });
  });

  describe('deleting an identity provider', () => {
    it('removes its protocols, remote ids and federated users’ records', async () => {
      await req('PUT', `${FED}/mappings/map-del`, { mapping: MAPPING });
      await req('PUT', `${FED}/identity_providers/idp-del`, { identity_provider: { remote_ids: ['https://del'] } });
      await req('PUT', `${FED}/identity_providers/idp-del/protocols/saml2`, { protocol: { mapping_id: 'map-del' } });
      const user = (await req('POST', '/v3/users', { user: { name: 'fed-shadow', domain_id: 'default' } })).json().user;
      const knex = ks.runtime.services.database!.knex() as unknown as (t: string) => { insert(r: object): Promise<unknown>; where(w: object): { count(c: string): Promise<{ n: number | string }[]> } };
      await knex('federated_user').insert({ user_id: user.id, idp_id: 'idp-del', protocol_id: 'saml2', unique_id: 'u1', display_name: 'U' });

      expect((await req('DELETE', `${FED}/identity_providers/idp-del`)).statusCode).toBe(204);
      expect(Number((await knex('federated_user').where({ idp_id: 'idp-del' }).count('* as n'))[0].n)).toBe(0);
      expect(Number((await knex('federation_protocol').where({ idp_id: 'idp-del' }).count('* as n'))[0].n)).toBe(0);
      // The remote id is free again.
      expect((await req('PUT', `${FED}/identity_providers/idp-del2`, { identity_provider: { remote_ids: ['https://del'] } })).statusCode).toBe(201);
    });

    it('happens when its domain is deleted', async () => {
      const domain = (await req('POST', '/v3/domains', { domain: { name: 'fed-doomed' } })).json().domain;
      await req('PUT', `${FED}/identity_providers/idp-doomed`, { identity_provider: { domain_id: domain.id } });
      await req('PATCH', `/v3/domains/${domain.id}`, { domain: { enabled: false } });
      expect((await req('DELETE', `/v3/domains/${domain.id}`)).statusCode).toBe(204);
      expect((await req('GET', `${FED}/identity_providers/idp-doomed`)).statusCode).toBe(404);
    });
  });

  describe('mappings', () => {
    it('creates, reads, lists, updates and deletes a mapping', async () => {
      const created = await req('PUT', `${FED}/mappings/map-a`, { mapping: MAPPING });
      expect(created.statusCode).toBe(201);
      expect(created.json().mapping).toEqual({ id: 'map-a', rules: MAPPING.rules, links: { self: `${BASE}/mappings/map-a` } });
      expect((await req('GET', `${FED}/mappings/map-a`)).json().mapping.rules).toEqual(MAPPING.rules);
      expect((await req('GET', `${FED}/mappings`)).json().mappings.map((m: { id: string }) => m.id)).toContain('map-a');
      const rules = [{ local: [{ group: { id: 'g1' } }], remote: [{ type: 'orgPersonType', any_one_of: ['Staff'], regex: false }] }];
      const patched = await req('PATCH', `${FED}/mappings/map-a`, { mapping: { rules } });
      expect(patched.json().mapping.rules).toEqual(rules);
      expect((await req('GET', `${FED}/mappings/map-a`)).json().mapping.rules).toEqual(rules);
      expect((await req('PUT', `${FED}/mappings/map-a`, { mapping: MAPPING })).statusCode).toBe(409);
      expect((await req('DELETE', `${FED}/mappings/map-a`)).statusCode).toBe(204);
      const gone = await req('GET', `${FED}/mappings/map-a`);
      expect(gone.json().error).toEqual({ code: 404, title: 'Not Found', message: 'Could not find mapping: map-a.' });
      expect((await req('PATCH', `${FED}/mappings/map-a`, { mapping: MAPPING })).statusCode).toBe(404);
    });

    it('stores the rules as Keystone does (JSON text inside a JSON blob)', async () => {
      await req('PUT', `${FED}/mappings/map-raw`, { mapping: MAPPING });
      const knex = ks.runtime.services.database!.knex() as unknown as (t: string) => { where(w: object): { first(): Promise<{ rules: string }> } };
      const row = await knex('mapping').where({ id: 'map-raw' }).first();
      expect(JSON.parse(JSON.parse(row.rules) as string)).toEqual(MAPPING.rules);
    });

    it('validates rules against Keystone’s mapping schema', async () => {
      const bad: unknown[] = [
        {},
        { rules: [] },
        { rules: [{ local: [] }] },
        { rules: [{ local: [{ user: { name: 'x' } }], remote: [] }] },
        { rules: [{ local: [{ user: { name: 'x', bogus: 1 } }], remote: [{ type: 'a' }] }] },
        { rules: [{ local: [{ user: { type: 'robot' } }], remote: [{ type: 'a' }] }] },
        { rules: [{ local: [{ group: { name: 'g' } }], remote: [{ type: 'a' }] }] },
        { rules: [{ local: [{}], remote: [{ type: 'a', any_one_of: ['x'], whitelist: ['y'] }] }] },
        { rules: [{ local: [{}], remote: [{ type: 'a', any_one_of: 'x' }] }] },
        { rules: [{ local: [{}], remote: [{ type: 'a' }], extra: 1 }] },
      ];
      for (const mapping of bad) {
        const res = await req('PUT', `${FED}/mappings/map-bad`, { mapping });
        expect([JSON.stringify(mapping), res.statusCode]).toEqual([JSON.stringify(mapping), 400]);
        expect(res.json().error.title).toBe('Bad Request');
      }
      const missing = await req('PUT', `${FED}/mappings/map-bad`, { mapping: {} });
      expect(missing.json().error.message).toBe("'rules' is a required property\n");
      const oneOf = await req('PUT', `${FED}/mappings/map-bad`, { mapping: { rules: [{ local: [{}], remote: [{ type: 'a', foo: 1 }] }] } });
      expect(oneOf.json().error.message).toBe("{'type': 'a', 'foo': 1} is not valid under any of the given schemas\n");
      const good = [
        { rules: [{ local: [{ group: { name: 'g', domain: { name: 'Default' } } }, { groups: '{0}', domain: { id: 'default' } }], remote: [{ type: 'G', blacklist: ['x'], regex: true }] }] },
        { rules: [{ local: [{ user: { name: '{0}', type: 'local', domain: { name: 'Default' } }, projects: [{ name: 'p', roles: [{ name: 'member' }] }] }], remote: [{ type: 'U' }, { type: 'O', not_any_of: ['x'] }] }] },
      ];
      for (const [i, mapping] of good.entries()) expect((await req('PUT', `${FED}/mappings/map-good-${i}`, { mapping })).statusCode).toBe(201);
    });
  });

  it('publishes the OS-FEDERATION relations in the JSON-Home document', async () => {
    const home = (await ks.request({ method: 'GET', url: '/v3', headers: { accept: 'application/json-home' } })).json().resources;
    const rel = (name: string) => `https://docs.openstack.org/api/openstack-identity/3/ext/OS-FEDERATION/1.0/rel/${name}`;
    expect(home[rel('identity_providers')]).toEqual({ href: '/OS-FEDERATION/identity_providers' });
    expect(home[rel('identity_provider_protocol')]).toEqual({
      'href-template': '/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}',
      'href-vars': {
        idp_id: 'https://docs.openstack.org/api/openstack-identity/3/ext/OS-FEDERATION/1.0/param/idp_id',
        protocol_id: 'https://docs.openstack.org/api/openstack-identity/3/ext/OS-FEDERATION/1.0/param/protocol_id',
      },
    });
    expect(home[rel('mapping')]['href-template']).toBe('/OS-FEDERATION/mappings/{mapping_id}');
    expect(home[rel('service_providers')]).toEqual({ href: '/OS-FEDERATION/service_providers' });
  });

  describe('service providers', () => {
    const sp = { auth_url: 'https://sp1.example.com/v3/OS-FEDERATION/identity_providers/acme/protocols/saml2/auth', sp_url: 'https://sp1.example.com/Shibboleth.sso/SAML2/ECP' };

    it('creates a disabled provider with the [saml] relay state prefix by default', async () => {
      const res = await req('PUT', `${FED}/service_providers/sp-a`, { service_provider: { ...sp, description: 'SP' } });
      expect(res.statusCode).toBe(201);
      expect(res.json().service_provider).toEqual({
        id: 'sp-a',
        ...sp,
        description: 'SP',
        enabled: false,
        relay_state_prefix: 'ss:mem:',
        links: { self: `${BASE}/service_providers/sp-a` },
      });
      expect((await req('GET', `${FED}/service_providers/sp-a`)).json().service_provider.relay_state_prefix).toBe('ss:mem:');
    });

    it('validates auth_url and sp_url, and requires both', async () => {
      for (const body of [{}, { auth_url: sp.auth_url }, { ...sp, auth_url: 'not-a-url' }, { ...sp, sp_url: 'nourl' }, { ...sp, other: 1 }, { ...sp, enabled: 'yes' }]) {
        const res = await req('PUT', `${FED}/service_providers/sp-bad`, { service_provider: body });
        expect([body, res.statusCode]).toEqual([body, 400]);
      }
      expect((await req('PUT', `${FED}/service_providers/sp-bad`, {})).statusCode).toBe(400);
      expect((await req('PATCH', `${FED}/service_providers/sp-a`, { service_provider: { auth_url: 'nourl' } })).statusCode).toBe(400);
      expect((await req('PATCH', `${FED}/service_providers/sp-a`, { service_provider: {} })).statusCode).toBe(400);
    });

    it('updates, lists, filters and deletes', async () => {
      await req('PUT', `${FED}/service_providers/sp-b`, { service_provider: { ...sp, enabled: true, relay_state_prefix: 'custom:' } });
      expect((await req('GET', `${FED}/service_providers/sp-b`)).json().service_provider).toMatchObject({ enabled: true, relay_state_prefix: 'custom:' });
      const patched = await req('PATCH', `${FED}/service_providers/sp-b`, { service_provider: { enabled: false, sp_url: 'https://other/ECP' } });
      expect(patched.json().service_provider).toMatchObject({ enabled: false, sp_url: 'https://other/ECP', relay_state_prefix: 'custom:' });
      const listed = (await req('GET', `${FED}/service_providers?enabled=false`)).json().service_providers.map((s: { id: string }) => s.id);
      expect(listed).toEqual(expect.arrayContaining(['sp-a', 'sp-b']));
      expect((await req('PUT', `${FED}/service_providers/sp-b`, { service_provider: sp })).statusCode).toBe(409);
      expect((await req('DELETE', `${FED}/service_providers/sp-b`)).statusCode).toBe(204);
      const gone = await req('GET', `${FED}/service_providers/sp-b`);
      expect(gone.json().error).toEqual({ code: 404, title: 'Not Found', message: 'Could not find Service Provider: sp-b.' });
    });

    it('lists enabled providers in token bodies, and only those', async () => {
      const noneYet = await req('GET', '/v3/auth/tokens', undefined, { ...auth, 'x-subject-token': ks.adminToken });
      expect(noneYet.json().token.service_providers).toBeUndefined();

      await req('PUT', `${FED}/service_providers/sp-on`, { service_provider: { ...sp, enabled: true } });
      await req('PUT', `${FED}/service_providers/sp-off`, { service_provider: { ...sp, enabled: false } });
      const issued = await ks.request({
        method: 'POST',
        url: '/v3/auth/tokens',
        payload: { auth: { identity: { methods: ['password'], password: { user: { name: 'admin', domain: { id: 'default' }, password: ks.adminPassword } } }, scope: { project: { name: 'admin', domain: { id: 'default' } } } } },
      });
      expect(issued.json().token.service_providers).toEqual([{ id: 'sp-on', auth_url: sp.auth_url, sp_url: sp.sp_url }]);
      const validated = await req('GET', '/v3/auth/tokens?nocatalog', undefined, { ...auth, 'x-subject-token': issued.headers['x-subject-token'] as string });
      expect(validated.json().token.service_providers).toEqual([{ id: 'sp-on', auth_url: sp.auth_url, sp_url: sp.sp_url }]);
      const unscoped = await ks.request({
        method: 'POST',
        url: '/v3/auth/tokens',
        payload: { auth: { identity: { methods: ['password'], password: { user: { name: 'admin', domain: { id: 'default' }, password: ks.adminPassword } } } } },
      });
      expect(unscoped.json().token.service_providers.map((s: { id: string }) => s.id)).toEqual(['sp-on']);

      await req('PATCH', `${FED}/service_providers/sp-on`, { service_provider: { enabled: false } });
      const after = await req('GET', '/v3/auth/tokens', undefined, { ...auth, 'x-subject-token': ks.adminToken });
      expect(after.json().token.service_providers).toBeUndefined();
    });
  });
});

describe('OS-FEDERATION service providers with [saml] relay_state_prefix set', () => {
  let ks: TestServer;
  beforeAll(async () => {
    ks = await startTestServer({ extraConfig: '[saml]\nrelay_state_prefix = rs:custom:' });
  });
  afterAll(async () => ks?.close());

  it('take the configured prefix by default', async () => {
    const res = await ks.request({
      method: 'PUT',
      url: `${FED}/service_providers/sp-conf`,
      headers: { 'x-auth-token': ks.adminToken },
      payload: { service_provider: { auth_url: 'https://a.example/v3', sp_url: 'https://a.example/ECP' } },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().service_provider.relay_state_prefix).toBe('rs:custom:');
  });
});
