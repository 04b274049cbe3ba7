/**
 * Tokens in both directions against Keystone 22's own provider, for every
 * payload version, on one key repository:
 *  (a) Keystone issues, we decode to the same facts and the same payload bytes;
 *  (b) we issue, Keystone validates to the facts we put in, and the msgpack
 *      payload inside our token is byte-identical to the one Keystone builds.
 */
import { FernetTokenProvider } from '../src/fernet-token.provider';
import type { DecodedFernetToken } from '../src/token-formatter';
import { tempDir } from './support/fixtures';
import { keystoneAvailable, runKeystone } from './support/keystone-oracle';
import { tokenSpecs, toTokenPayload } from './support/token-specs';
import type { KeystoneFacts, TokenSpec } from './support/token-specs';

const d = keystoneAvailable ? describe : describe.skip;

/** Our decode in Keystone's vocabulary, for a direct comparison. */
function asKeystone(t: DecodedFernetToken): Omit<KeystoneFacts, 'payload_hex'> {
  return {
    user_id: t.userId,
    methods: t.methods,
    audit_ids: t.auditIds,
    system: t.systemScope,
    domain_id: t.domainId,
    project_id: t.projectId,
    trust_id: t.trustId,
    federated_group_ids: t.federatedGroupIds,
    identity_provider_id: t.identityProviderId,
    protocol_id: t.protocolId,
    access_token_id: t.accessTokenId,
    app_cred_id: t.appCredId,
    issued_at: t.issuedAtIso,
    expires_at: t.expiresAtIso,
    version: t.version,
  };
}

d('interop with Keystone 22 tokens', () => {
  const repo = tempDir();
  const specs: TokenSpec[] = tokenSpecs();
  let keystoneIssued: Array<{ token: string; version: number; payload_hex: string }>;
  let keystoneValidated: KeystoneFacts[];
  let keystoneSelfValidated: KeystoneFacts[];
  let ours: string[];
  let provider: FernetTokenProvider;

  beforeAll(() => {
    // Keystone creates the repository and issues; then it validates what we issued.
    const [, ...issued] = runKeystone<{ token: string; version: number; payload_hex: string }>({
      key_repository: repo.path,
      ops: [{ op: 'setup', dir: repo.path }, ...specs.map((s) => ({ op: 'issue', fields: s.fields }))],
    });
    keystoneIssued = issued;
    provider = new FernetTokenProvider({ keyRepository: repo.path, maxActiveKeys: 3 });
    ours = specs.map((s) => provider.issue(toTokenPayload(s.fields)));
    const validated = runKeystone<KeystoneFacts>({
      key_repository: repo.path,
      ops: [...ours, ...issued.map((t) => t.token)].map((token) => ({ op: 'validate', token })),
    });
    keystoneValidated = validated.slice(0, ours.length);
    keystoneSelfValidated = validated.slice(ours.length);
  }, 60_000);

  afterAll(() => repo.cleanup());

  describe.each(tokenSpecs().map((s, i) => [s.version, s.name, i] as const))('version %i: %s', (version, _name, i) => {
    it('Keystone picks the same payload version', () => {
      expect(keystoneIssued[i].version).toBe(version);
    });

    it('a Keystone token decodes here to the facts Keystone reports', () => {
      const decoded = provider.decode(keystoneIssued[i].token);
      const { payload_hex: _hex, ...expected } = keystoneSelfValidated[i];
      expect(asKeystone(decoded)).toEqual(expected);
    });

    it('our payload bytes for the same facts equal Keystone\u2019s', () => {
      const ourBytes = provider['formatter'].serialize(toTokenPayload(specs[i].fields)).bytes.toString('hex');
      expect(ourBytes).toBe(keystoneIssued[i].payload_hex);
    });

    it('Keystone validates our token to the facts we issued', () => {
      const k = keystoneValidated[i];
      expect(k).not.toHaveProperty('error');
      expect(k.version).toBe(version);
      const ourView = asKeystone(provider.decode(ours[i]));
      const { payload_hex: _hex, ...kFacts } = k;
      expect(kFacts).toEqual(ourView);
      // …and those are the facts we put in.
      const f = specs[i].fields;
      expect(kFacts.user_id).toBe(f.user_id);
      expect(new Set(kFacts.methods)).toEqual(new Set(f.methods));
      expect(kFacts.audit_ids).toEqual(f.audit_ids);
      expect(kFacts.expires_at).toBe(f.expires_at.replace(/\.\d+Z$/, '.000000Z'));
      expect(kFacts.project_id).toBe(f.project_id ?? null);
      expect(kFacts.domain_id).toBe(f.domain_id ?? null);
      expect(kFacts.trust_id).toBe(f.trust_id ?? null);
      expect(kFacts.system).toBe(f.system ?? null);
      expect(kFacts.federated_group_ids).toEqual(f.federated_group_ids ?? null);
      expect(kFacts.identity_provider_id).toBe(f.federated_group_ids ? f.identity_provider_id : null);
      expect(kFacts.protocol_id).toBe(f.federated_group_ids ? f.protocol_id : null);
      expect(kFacts.access_token_id).toBe(f.access_token_id ?? null);
      expect(kFacts.app_cred_id).toBe(f.app_cred_id ?? null);
    });

    it('the payload inside our token is byte-identical to Keystone\u2019s', () => {
      expect(keystoneValidated[i].payload_hex).toBe(keystoneIssued[i].payload_hex);
    });
  });
});

d('interop with a non-default [auth] methods order and default domain id', () => {
  const methods = ['password', 'token', 'totp', 'mapped'];
  const fields = {
    user_id: 'a'.repeat(32),
    methods: ['totp', 'password'],
    expires_at: '2032-01-01T00:00:00.000000Z',
    audit_ids: ['AAAAAAAAAAAAAAAAAAAAAA'],
    domain_id: 'corp',
  };

  it('agrees with Keystone both ways', async () => {
    const repo = tempDir();
    const [, issued] = runKeystone<any>({
      key_repository: repo.path,
      methods,
      default_domain_id: 'corp',
      ops: [{ op: 'setup', dir: repo.path }, { op: 'issue', fields }],
    });
    const provider = new FernetTokenProvider({ keyRepository: repo.path, maxActiveKeys: 3, methods, defaultDomainId: 'corp' });
    expect(provider.validate(issued.token)).toMatchObject({ domainId: 'corp', methods: ['totp', 'password'] });
    const ours = provider.issue(toTokenPayload(fields));
    const [validated] = runKeystone<KeystoneFacts>({
      key_repository: repo.path,
      methods,
      default_domain_id: 'corp',
      ops: [{ op: 'validate', token: ours }],
    });
    expect(validated).toMatchObject({ domain_id: 'corp', methods: ['totp', 'password'], version: 1, payload_hex: issued.payload_hex });
    repo.cleanup();
  });
});
