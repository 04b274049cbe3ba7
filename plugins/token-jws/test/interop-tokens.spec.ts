/**
 * Differential tests against Keystone 22's own JWSFormatter and PyJWT
 * (Debian's python3-keystone and python3-jwt): tokens cross both ways and
 * decode to the same facts.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenPayload } from '@keystone-ts/plugin-sdk';
import { JwsTokenProvider } from '../src/jws-token.provider';
import { keystoneAvailable, makeRepositories, runKeystone, type Repositories } from './support';

const describeKeystone = keystoneAvailable ? describe : describe.skip;

const cases: Record<string, Partial<TokenPayload>> = {
  unscoped: {},
  project: { projectId: 'f2a8d0c3e9b54b8f9d1c2a3b4c5d6e7f' },
  domain: { domainId: 'default' },
  system: { systemScope: 'all' },
  rescoped: { projectId: 'p', auditIds: ['BBBBBBBBBBBBBBBBBBBBBB', 'CCCCCCCCCCCCCCCCCCCCCC'] },
  trust: { projectId: 'p', trustId: 't1' },
  federated: { federatedGroupIds: ['g1', 'g2'], identityProviderId: 'idp', protocolId: 'saml2', methods: ['saml2'] },
  oauth1: { projectId: 'p', accessTokenId: 'at1', methods: ['oauth1'] },
  'application credential': { projectId: 'p', appCredId: 'ac1', methods: ['application_credential'] },
  'non-ASCII user id': { userId: 'ünïcødé-üser' },
};

function payloadOf(extra: Partial<TokenPayload>): TokenPayload {
  return { userId: 'c3a1e2b4d5f64718a9b0c1d2e3f4a5b6', methods: ['password', 'token'], expiresAt: 1900000000, auditIds: ['AAAAAAAAAAAAAAAAAAAAAA'], ...extra };
}

/** Keystone's validate_token result for a payload (its ISO, subsecond-but-whole-second times). */
function keystoneView(p: TokenPayload, issuedAt: number) {
  const iso = (s: number) => new Date(Math.floor(s) * 1000).toISOString().replace(/\.\d{3}Z$/, '.000000Z');
  return {
    user_id: p.userId,
    methods: p.methods,
    audit_ids: p.auditIds,
    system: p.systemScope ?? null,
    domain_id: p.domainId ?? null,
    project_id: p.projectId ?? null,
    trust_id: p.trustId ?? null,
    federated_group_ids: p.federatedGroupIds ? p.federatedGroupIds.map((id) => ({ id })) : null,
    identity_provider_id: p.identityProviderId ?? null,
    protocol_id: p.protocolId ?? null,
    access_token_id: p.accessTokenId ?? null,
    app_cred_id: p.appCredId ?? null,
    issued_at: iso(issuedAt),
    expires_at: iso(p.expiresAt),
  };
}

/** Keystone's create_token arguments for a payload (its expiry as an ISO string with microseconds). */
function keystoneFields(p: TokenPayload) {
  return {
    user_id: p.userId,
    expires_at: new Date(p.expiresAt * 1000).toISOString().replace('Z', '000Z'),
    audit_ids: p.auditIds,
    methods: p.methods,
    system: p.systemScope ?? null,
    domain_id: p.domainId ?? null,
    project_id: p.projectId ?? null,
    trust_id: p.trustId ?? null,
    federated_group_ids: p.federatedGroupIds ?? null,
    identity_provider_id: p.identityProviderId ?? null,
    protocol_id: p.protocolId ?? null,
    access_token_id: p.accessTokenId ?? null,
    app_cred_id: p.appCredId ?? null,
  };
}

describeKeystone('JWS tokens against Keystone 22 and PyJWT', () => {
  let repos: Repositories;
  let provider: JwsTokenProvider;
  const NOW = 1763900000.5;
  beforeAll(() => {
    repos = makeRepositories();
    provider = new JwsTokenProvider({ privateKeyRepository: repos.privateRepository, publicKeyRepository: repos.publicRepository, now: () => NOW });
  });
  afterAll(() => rmSync(repos.root, { recursive: true, force: true }));

  it('every kind of token we issue validates in Keystone to the same facts', () => {
    const payloads = Object.values(cases).map(payloadOf);
    const results = runKeystone(repos, payloads.map((p) => ({ op: 'validate', token: provider.issue(p) })));
    expect(results).toEqual(payloads.map((p) => keystoneView(p, NOW)));
  });

  it('a token we issue decodes with PyJWT and our public key, header and claims intact', () => {
    const p = payloadOf(cases.trust);
    const token = provider.issue(p);
    const [result] = runKeystone(repos, [{ op: 'decode', token }]);
    expect(result.header).toEqual({ alg: 'ES256', typ: 'JWT' });
    expect(result.claims).toEqual(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()));
    expect(result.claims).toMatchObject({ sub: p.userId, iat: Math.floor(NOW), exp: 1900000000, openstack_trust_id: 't1' });
  });

  it('every kind of token Keystone creates validates here, and our header and claims are its bytes', () => {
    const payloads = Object.values(cases).map(payloadOf);
    const created = runKeystone(repos, payloads.map((p) => ({ op: 'create', fields: keystoneFields(p) })));
    payloads.forEach((p, i) => {
      const token = created[i].token as string;
      const ours = provider.validate(token);
      expect(ours).toMatchObject({ ...p, expiresAt: 1900000000 });
      // Same facts, same issue second: the signed bytes (all but the randomized signature) are identical.
      const again = new JwsTokenProvider({ privateKeyRepository: repos.privateRepository, publicKeyRepository: repos.publicRepository, now: () => ours.issuedAt! }).issue(p);
      expect(again.split('.').slice(0, 2)).toEqual(token.split('.').slice(0, 2));
    });
  });

  it("keys made by Keystone's create_jws_keypair work here, and ours there", () => {
    const theirs = makeRepositories();
    runKeystone({}, [{ op: 'keypair', private: join(theirs.privateRepository, 'private.pem'), public: join(theirs.publicRepository, 'public.pem') }]);
    const withTheirKeys = new JwsTokenProvider({ privateKeyRepository: theirs.privateRepository, publicKeyRepository: theirs.publicRepository });
    const [check] = runKeystone(theirs, [{ op: 'validate', token: withTheirKeys.issue(payloadOf({})) }]);
    expect(check.user_id).toBe(payloadOf({}).userId);
    expect(readFileSync(join(theirs.privateRepository, 'private.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    rmSync(theirs.root, { recursive: true, force: true });
  });

  it('Keystone rejects a token signed with a key it does not hold, as we do', () => {
    const other = makeRepositories();
    const foreign = new JwsTokenProvider({ privateKeyRepository: other.privateRepository, publicKeyRepository: other.publicRepository }).issue(payloadOf({}));
    expect(runKeystone(repos, [{ op: 'validate', token: foreign }])).toEqual([{ error: 'TokenNotFound' }]);
    expect(() => provider.validate(foreign)).toThrow('Could not find token');
    rmSync(other.root, { recursive: true, force: true });
  });
});
