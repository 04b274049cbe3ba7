import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, NotFound, type TokenPayload } from '@keystone-ts/plugin-sdk';
import { JwsTokenProvider } from '../src/jws-token.provider';
import { createJwsKeypair, KeyFileExists } from '../src/keypair';
import { makeRepositories, type Repositories } from './support';

const payload: TokenPayload = {
  userId: 'u1',
  methods: ['password'],
  expiresAt: 2000000000,
  auditIds: ['AAAAAAAAAAAAAAAAAAAAAA'],
  projectId: 'p1',
  domainId: null,
  systemScope: null,
};

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe('JwsTokenProvider', () => {
  let repos: Repositories;
  let provider: JwsTokenProvider;
  beforeEach(() => {
    repos = makeRepositories();
    provider = new JwsTokenProvider({ privateKeyRepository: repos.privateRepository, publicKeyRepository: repos.publicRepository, now: () => 1700000000.75 });
  });
  afterEach(() => rmSync(repos.root, { recursive: true, force: true }));

  it('is self-contained', () => expect(provider.needsPersistence).toBe(false));

  it('round-trips the facts, with whole-second times', () => {
    const token = provider.issue({ ...payload, expiresAt: 2000000000.9 });
    expect(provider.validate(token)).toEqual({
      ...payload,
      issuedAt: 1700000000,
      expiresAt: 2000000000,
      trustId: null,
      federatedGroupIds: null,
      identityProviderId: null,
      protocolId: null,
      accessTokenId: null,
      appCredId: null,
    });
  });

  it("writes PyJWT's header and Keystone's claim order, omitting absent facts", () => {
    const token = provider.issue(payload);
    expect(Buffer.from(token.split('.')[0], 'base64url').toString()).toBe('{"alg":"ES256","typ":"JWT"}');
    expect(Object.keys(claimsOf(token))).toEqual(['sub', 'iat', 'exp', 'openstack_methods', 'openstack_audit_ids', 'openstack_project_id']);
    expect(Buffer.from(token.split('.')[2], 'base64url')).toHaveLength(64);
  });

  it('signs federated groups as [{id}] and system scope as "all"', () => {
    const token = provider.issue({ ...payload, projectId: null, systemScope: 'all', federatedGroupIds: ['g1'], identityProviderId: 'idp', protocolId: 'saml2' });
    expect(claimsOf(token)).toMatchObject({ openstack_system: 'all', openstack_group_ids: [{ id: 'g1' }], openstack_idp_id: 'idp', openstack_protocol_id: 'saml2' });
    expect(provider.validate(token)).toMatchObject({ systemScope: 'all', federatedGroupIds: ['g1'], identityProviderId: 'idp' });
  });

  it.each([
    ['garbage', 'not-a-token'],
    ['a tampered payload', (t: string) => { const [h, , s] = t.split('.'); return `${h}.${Buffer.from('{"sub":"admin"}').toString('base64url')}.${s}`; }],
    ['a tampered signature', (t: string) => t.slice(0, -4) + (t.endsWith('AAAA') ? 'BBBB' : 'AAAA')],
    ['the none algorithm', (t: string) => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${t.split('.')[1]}.`],
  ])('rejects %s with Keystone 404', (_name, make) => {
    const token = typeof make === 'string' ? make : make(provider.issue(payload));
    expect(() => provider.validate(token)).toThrow(NotFound);
    try { provider.validate(token); } catch (e) { expect((e as Error).message).toBe(`Could not find token: ${token}.`); }
  });

  it('rejects a token signed by a key whose public half is not in the repository', () => {
    const other = makeRepositories();
    const foreign = new JwsTokenProvider({ privateKeyRepository: other.privateRepository, publicKeyRepository: other.publicRepository });
    expect(() => provider.validate(foreign.issue(payload))).toThrow(NotFound);
    // … and accepts it once that public key is added (every file of the repository is tried).
    writeFileSync(join(repos.publicRepository, 'old.pem'), readFileSync(join(other.publicRepository, 'public.pem')));
    expect(provider.validate(foreign.issue(payload)).userId).toBe('u1');
    rmSync(other.root, { recursive: true, force: true });
  });

  it('ignores files of the public repository that are not keys', () => {
    writeFileSync(join(repos.publicRepository, 'README'), 'not a key');
    expect(provider.validate(provider.issue(payload)).userId).toBe('u1');
  });

  describe('refuses to start, with Keystone reasons', () => {
    it('without private.pem', () => {
      rmSync(join(repos.privateRepository, 'private.pem'));
      expect(() => new JwsTokenProvider({ privateKeyRepository: repos.privateRepository, publicKeyRepository: repos.publicRepository })).toThrow(
        new ConfigurationError(`${join(repos.privateRepository, 'private.pem')} does not exist. You can generate a key pair using \`keystone-manage create_jws_keypair\`.`),
      );
    });
    it('without the public repository', () => {
      const missing = join(repos.root, 'absent');
      expect(() => new JwsTokenProvider({ privateKeyRepository: repos.privateRepository, publicKeyRepository: missing })).toThrow(
        `${missing} does not exist. Please make sure the directory exists and is readable by the process running keystone.`,
      );
    });
    it('with an empty public repository', () => {
      const empty = join(repos.root, 'empty');
      mkdirSync(empty);
      expect(() => new JwsTokenProvider({ privateKeyRepository: repos.privateRepository, publicKeyRepository: empty })).toThrow(
        `${empty} must contain at least one public key but it is empty. You can generate a key pair using \`keystone-manage create_jws_keypair\`.`,
      );
    });
  });
});

describe('createJwsKeypair', () => {
  it('writes PKCS#8 and SPKI PEM, the private key owner-only, and refuses to overwrite unless forced', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jws-pair-'));
    const paths = { privateKeyPath: join(dir, 'private.pem'), publicKeyPath: join(dir, 'public.pem') };
    createJwsKeypair(paths);
    expect(readFileSync(paths.privateKeyPath, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(readFileSync(paths.publicKeyPath, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const before = readFileSync(paths.privateKeyPath, 'utf8');
    expect(() => createJwsKeypair(paths)).toThrow(new KeyFileExists(`Private key ${paths.privateKeyPath} already exists`));
    rmSync(paths.privateKeyPath);
    expect(() => createJwsKeypair(paths)).toThrow(new KeyFileExists(`Public key ${paths.publicKeyPath} already exists`));
    createJwsKeypair(paths, true);
    expect(readFileSync(paths.privateKeyPath, 'utf8')).not.toBe(before);
    rmSync(dir, { recursive: true, force: true });
  });
});
