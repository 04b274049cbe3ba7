import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, type Logger } from '@keystone-ts/plugin-sdk';
import { FileDomainConfigSource } from './file-domain-config.source';
import { Sha256IdGenerator } from './sha256-id.generator';

const DOMAINS: Record<string, string> = { acme: 'id-acme', 'corp.example': 'id-corp' };

let dir: string;
let warnings: string[];
let source: FileDomainConfigSource;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ks-domains-'));
  warnings = [];
  const logger: Logger = { debug() {}, info() {}, warn: (m) => void warnings.push(m), error() {} };
  source = new FileDomainConfigSource(
    dir,
    async (name) => DOMAINS[name] ?? null,
    async (id) => Object.entries(DOMAINS).find(([, v]) => v === id)?.[0] ?? null,
    logger,
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('FileDomainConfigSource', () => {
  it('lists keystone.<domain name>.conf files, skipping unknown domains and other files', async () => {
    writeFileSync(join(dir, 'keystone.acme.conf'), '[identity]\ndriver = ldap\n');
    writeFileSync(join(dir, 'keystone.corp.example.conf'), '[ldap]\nurl = ldap://corp\n');
    writeFileSync(join(dir, 'keystone.ghost.conf'), '[identity]\ndriver = ldap\n');
    writeFileSync(join(dir, 'keystone.conf'), '[identity]\ndriver = ldap\n');
    writeFileSync(join(dir, 'README'), 'x');
    const listed = await source.listConfigured();
    expect(listed.map((l) => [l.domainId, l.origin])).toEqual([
      ['id-acme', join(dir, 'keystone.acme.conf')],
      ['id-corp', join(dir, 'keystone.corp.example.conf')],
    ]);
    expect(warnings).toEqual([`Invalid domain name 'ghost' found in config file name ${join(dir, 'keystone.ghost.conf')}: ignored`]);
  });

  it('loads a domain file keeping only [identity] and [ldap], with a content fingerprint', async () => {
    const file = join(dir, 'keystone.acme.conf');
    writeFileSync(file, '[identity]\ndriver = ldap\n[LDAP]\nurl = ldap://acme\n[database]\nconnection = sqlite://\n');
    const loaded = await source.load('id-acme');
    expect(loaded!.origin).toBe(file);
    expect([...loaded!.sections.keys()]).toEqual(['identity', 'ldap']);
    expect(loaded!.sections.get('ldap')!.get('url')![0]).toEqual({ value: 'ldap://acme', file, line: 4 });
    expect(warnings).toEqual([`Section [database] in ${file} is not domain-specific: ignored`]);

    const again = await source.load('id-acme');
    expect(again!.fingerprint).toBe(loaded!.fingerprint);
    writeFileSync(file, '[identity]\ndriver = sql\n');
    expect((await source.load('id-acme'))!.fingerprint).not.toBe(loaded!.fingerprint);
  });

  it('returns null for a domain without a file or an unknown domain id', async () => {
    expect(await source.load('id-corp')).toBeNull();
    expect(await source.load('nope')).toBeNull();
  });

  it('warns and lists nothing when the directory does not exist', async () => {
    rmSync(dir, { recursive: true, force: true });
    expect(await source.listConfigured()).toEqual([]);
    expect(warnings[0]).toMatch(/does not exist/);
  });

  it('reports a syntax error in a domain file as a one-line ConfigurationError naming file and line', async () => {
    writeFileSync(join(dir, 'keystone.acme.conf'), '[identity]\ndriver ldap\n');
    await expect(source.listConfigured()).rejects.toThrow(ConfigurationError);
    await expect(source.load('id-acme')).rejects.toThrow(`${join(dir, 'keystone.acme.conf')}:2: no ':' or '=' found in assignment`);
  });
});

const MAPPINGS = [
  { domain_id: 'default', local_id: 'jsmith', entity_type: 'user' as const },
  { domain_id: 'a'.repeat(32), local_id: 'CN=Ünïcødé User,OU=People,DC=example', entity_type: 'group' as const },
  { domain_id: 'd1', local_id: '', entity_type: 'user' as const },
];
// Computed with keystone.identity.id_generators.sha256.Generator (Keystone 22).
const EXPECTED = [
  'ba13536d71184d1f627894c3494aae6e6d8356ba7b7a0acee9fc15d05a96fd6b',
];

describe('Sha256IdGenerator', () => {
  const gen = new Sha256IdGenerator();

  it('matches a public ID Keystone computed', () => {
    expect(gen.generatePublicId(MAPPINGS[0])).toBe(EXPECTED[0]);
  });

  it('does not depend on the key order of the mapping', () => {
    expect(gen.generatePublicId({ local_id: 'jsmith', entity_type: 'user', domain_id: 'default' })).toBe(EXPECTED[0]);
  });

  const haveKeystone =
    spawnSync('/usr/bin/python3', ['-c', 'import keystone.identity.id_generators.sha256'], { stdio: 'ignore' }).status === 0;
  (haveKeystone ? it : it.skip)('equals Keystone for every sample mapping (python3 keystone)', () => {
    const script =
      'import json,sys\nfrom keystone.identity.id_generators import sha256\n' +
      'g=sha256.Generator()\nprint(json.dumps([g.generate_public_ID(m) for m in json.load(sys.stdin)]))';
    const theirs = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(MAPPINGS), encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] }),
    ) as string[];
    expect(MAPPINGS.map((m) => gen.generatePublicId(m))).toEqual(theirs);
  });
});
