import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMAIN_CONFIG_API, type DomainConfigApi } from '@keystone-ts/core';
import { bootKeystone } from '@keystone-ts/server';
import { domainConfigUploadCommand } from '../../apps/keystone-manage/src/commands/domain-config-upload.command';
import { startTestServer, type TestServer } from '../support/e2e-server';

const LDAP = (url: string, extra = '') => `[ldap]\nurl = ${url}\nuser = cn=Admin\npassword = password\nsuffix = cn=example,cn=com\n${extra}[identity]\ndriver = ldap\n`;

/** `keystone-manage domain_config_upload`, as Keystone's test_cli exercises it. */
describe('keystone-manage domain_config_upload', () => {
  let ks: TestServer;
  let auth: Record<string, string>;
  let dir: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    ks = await startTestServer({ extraConfig: '[identity]\ndomain_config_dir = $state_path/domains\n' });
    auth = { 'x-auth-token': ks.adminToken };
    dir = join(ks.dir, 'domains');
    ids = {};
    for (const name of ['domain1', 'domain2']) {
      ids[name] = (await ks.request({ method: 'POST', url: '/v3/domains', headers: auth, payload: { domain: { name } } })).json().domain.id;
    }
  });
  afterAll(async () => ks?.close());

  beforeEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'sub'), { recursive: true });
    for (const id of ['default', ...Object.values(ids)]) {
      await ks.request({ method: 'DELETE', url: `/v3/domains/${id}/config`, headers: auth });
    }
  });

  async function upload(flags: Record<string, string | boolean | undefined>) {
    const out: string[] = [];
    const runtime = bootKeystone(['--config-file', join(ks.dir, 'keystone.conf')]);
    const code = await domainConfigUploadCommand.run({ runtime, flags, out: (l) => out.push(l), err: (l) => out.push(l) });
    return { code, out };
  }
  const stored = (id: string) => ks.app.get<DomainConfigApi>(DOMAIN_CONFIG_API, { strict: false }).getConfigWithSensitiveInfo(id);

  it('uploads every keystone.<domain>.conf under the directory, values as strings, sensitive ones included', async () => {
    writeFileSync(join(dir, 'keystone.Default.conf'), LDAP('fake://memory'));
    writeFileSync(join(dir, 'keystone.domain1.conf'), `${LDAP('fake://memory1')}list_limit = 101\n`);
    writeFileSync(join(dir, 'sub', 'keystone.domain2.conf'), LDAP('fake://memory', 'group_tree_dn = ou=UserGroups,dc=myroot,dc=org\n'));
    writeFileSync(join(dir, 'README'), 'not a domain file');
    expect(await upload({ all: true })).toEqual({ code: 0, out: [] });
    const ldap = { url: 'fake://memory', user: 'cn=Admin', password: 'password', suffix: 'cn=example,cn=com' };
    expect(await stored('default')).toEqual({ ldap, identity: { driver: 'ldap' } });
    expect(await stored(ids.domain1)).toEqual({ ldap: { ...ldap, url: 'fake://memory1' }, identity: { driver: 'ldap', list_limit: '101' } });
    expect((await stored(ids.domain2)).ldap).toMatchObject({ group_tree_dn: 'ou=UserGroups,dc=myroot,dc=org' });
    const shown = await ks.request({ method: 'GET', url: '/v3/domains/default/config/ldap', headers: auth });
    expect(shown.json().config.ldap).not.toHaveProperty('password');
  });

  it('uploads one domain with --domain-name', async () => {
    writeFileSync(join(dir, 'keystone.Default.conf'), LDAP('fake://memory'));
    writeFileSync(join(dir, 'keystone.domain1.conf'), LDAP('fake://memory1'));
    expect((await upload({ 'domain-name': 'Default' })).code).toBe(0);
    expect((await stored('default')).identity).toEqual({ driver: 'ldap' });
    expect(await stored(ids.domain1)).toEqual({});
  });

  it('never overwrites a configuration already stored', async () => {
    await ks.request({ method: 'PUT', url: '/v3/domains/default/config', headers: auth, payload: { config: { ldap: { url: 'kept' }, identity: { driver: 'ldap' } } } });
    writeFileSync(join(dir, 'keystone.Default.conf'), LDAP('fake://memory'));
    expect(await upload({ 'domain-name': 'Default' })).toEqual({
      code: 1,
      out: [`Domain: Default already has a configuration defined - ignoring file: ${join(dir, 'keystone.Default.conf')}.`],
    });
    expect(await stored('default')).toEqual({ ldap: { url: 'kept' }, identity: { driver: 'ldap' } });
  });

  it('wants exactly one of --all and --domain-name', async () => {
    expect(await upload({})).toEqual({ code: 1, out: ['At least one option must be provided, use either --all or --domain-name'] });
    expect(await upload({ all: true, 'domain-name': 'Default' })).toEqual({ code: 1, out: ['The --all option cannot be used with the --domain-name option'] });
  });

  it('skips a file naming an unknown domain, a file it cannot read and one with options Keystone refuses', async () => {
    expect(await upload({ 'domain-name': 'nosuch' })).toEqual({
      code: 1,
      out: [`Invalid domain name: nosuch found in config file name: ${join(dir, 'keystone.nosuch.conf')} - ignoring this file.`],
    });
    expect((await upload({ 'domain-name': 'domain1' })).out).toEqual([
      `Error parsing configuration file for domain: domain1, file: ${join(dir, 'keystone.domain1.conf')}.`,
    ]);
    writeFileSync(join(dir, 'keystone.domain2.conf'), '[identity]\npassword_hash_algorithm = scrypt\n');
    writeFileSync(join(dir, 'keystone.domain1.conf'), LDAP('fake://memory1'));
    const all = await upload({ all: true });
    expect(all.code).toBe(1);
    expect(await stored(ids.domain2)).toEqual({});
    expect((await stored(ids.domain1)).ldap).toMatchObject({ url: 'fake://memory1' });
  });

  it('uploads nothing from an empty directory and succeeds', async () => {
    expect(await upload({ all: true })).toEqual({ code: 0, out: [] });
  });

  it('stops when the directory does not exist', async () => {
    rmSync(dir, { recursive: true, force: true });
    expect(await upload({ all: true })).toEqual({ code: 1, out: [`Unable to locate domain config directory: ${dir}`] });
  });
});
