/**
 * The provider's contract: round trips for every payload shape, and one
 * error, InvalidFernetToken (404 "Could not recognize Fernet token"), for
 * every damaged, truncated, re-padded or random token. Property-based.
 */
import fc from 'fast-check';
import { isKeystoneError, NotFound } from '@keystone-ts/plugin-sdk';
import type { TokenPayload } from '@keystone-ts/plugin-sdk';
import { decodeCanonical, encodeUnpadded, restorePadding } from '../src/fernet/base64url';
import { FernetKey, fernetEncrypt } from '../src/fernet/fernet-token';
import { FernetTokenProvider } from '../src/fernet-token.provider';
import { FernetKeysNotFound, InvalidFernetToken, UNRECOGNIZED_TOKEN, isInvalidTokenError } from '../src/fernet-token.errors';
import { setup } from '../src/key-repository';
import { pythonPackb } from '../src/payloads/python-msgpack';
import { tempDir } from './support/fixtures';

const hex32 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('hex'));
const anyId = fc.oneof(hex32, fc.string({ minLength: 1, maxLength: 30 }));
const auditId = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('base64url'));
const methods = fc.uniqueArray(fc.constantFrom('external', 'password', 'token', 'oauth1', 'mapped', 'application_credential', 'ec2credential'), { maxLength: 4 });
const expiresAt = fc.integer({ min: 1_000_000_000, max: 4_000_000_000 });

/** Facts of a token of any version, shaped the way Keystone would issue them. */
const payloadArb: fc.Arbitrary<TokenPayload> = fc
  .record({
    userId: anyId,
    methods,
    expiresAt,
    auditIds: fc.array(auditId, { minLength: 1, maxLength: 2 }),
    kind: fc.constantFrom('unscoped', 'domain', 'project', 'trust', 'fed', 'fed-project', 'fed-domain', 'oauth', 'system', 'appcred'),
    scopeId: hex32,
    other: anyId,
    groups: fc.array(anyId, { maxLength: 3 }),
  })
  .map(({ kind, scopeId, other, groups, ...common }) => {
    const fed = { federatedGroupIds: groups, identityProviderId: other, protocolId: 'saml2' };
    const scope: Record<string, Partial<TokenPayload>> = {
      unscoped: {},
      domain: { domainId: scopeId },
      project: { projectId: other },
      trust: { projectId: scopeId, trustId: scopeId },
      fed,
      'fed-project': { ...fed, projectId: other },
      'fed-domain': { ...fed, domainId: scopeId },
      oauth: { projectId: scopeId, accessTokenId: other },
      system: { systemScope: 'all' },
      appcred: { projectId: scopeId, appCredId: other },
    };
    return { ...common, ...scope[kind] };
  });

function expectUnrecognised(provider: FernetTokenProvider, token: string): void {
  let caught: unknown;
  try {
    provider.validate(token);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(InvalidFernetToken);
  expect(caught).toBeInstanceOf(NotFound);
  expect(isKeystoneError(caught) && caught.code).toBe(404);
  expect((caught as Error).message).toBe(UNRECOGNIZED_TOKEN);
  expect(isInvalidTokenError(caught)).toBe(true);
}

describe('FernetTokenProvider', () => {
  const repo = tempDir();
  let provider: FernetTokenProvider;
  let tokens: string[];

  beforeAll(async () => {
    await setup(repo.path);
    provider = new FernetTokenProvider({ keyRepository: repo.path, maxActiveKeys: 3 });
    tokens = fc.sample(payloadArb, { numRuns: 50, seed: 11 }).map((p) => provider.issue(p));
  });
  afterAll(() => repo.cleanup());

  it('is self-contained', () => expect(provider.needsPersistence).toBe(false));

  it('round-trips the facts of every payload shape', () => {
    fc.assert(
      fc.property(payloadArb, (p) => {
        const back = provider.validate(provider.issue(p));
        expect(back.userId).toBe(p.userId);
        expect(new Set(back.methods)).toEqual(new Set(p.methods));
        expect(back.expiresAt).toBe(p.expiresAt);
        expect(back.auditIds).toEqual(p.auditIds);
        for (const k of ['domainId', 'projectId', 'trustId', 'systemScope', 'accessTokenId', 'appCredId', 'federatedGroupIds'] as const) {
          expect(back[k] ?? null).toEqual(p[k] ?? null);
        }
        expect(typeof back.issuedAt).toBe('number');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses any single-bit change of the token text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tokens), fc.nat(), fc.integer({ min: 0, max: 7 }), (token, pos, bit) => {
        const i = pos % token.length;
        const flipped = token.slice(0, i) + String.fromCharCode(token.charCodeAt(i) ^ (1 << bit)) + token.slice(i + 1);
        expectUnrecognised(provider, flipped);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any single-bit change of the token bytes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tokens), fc.nat(), fc.integer({ min: 0, max: 7 }), (token, pos, bit) => {
        const bytes = decodeCanonical(token)!;
        bytes[pos % bytes.length] ^= 1 << bit;
        expectUnrecognised(provider, encodeUnpadded(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses truncations and extensions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tokens), fc.nat(), fc.string({ minLength: 1, maxLength: 8 }), (token, n, extra) => {
        expectUnrecognised(provider, token.slice(0, n % token.length));
        expectUnrecognised(provider, token + extra.replace(/^=+$/, 'A'));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses padding changes, but accepts the canonical padded form of the same token', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tokens), fc.integer({ min: 1, max: 4 }), fc.nat(), (token, pads, pos) => {
        const padded = token + '='.repeat(pads);
        if (padded === restorePadding(token)) expect(provider.validate(padded).userId).toBe(provider.validate(token).userId);
        else expectUnrecognised(provider, padded);
        const i = 1 + (pos % (token.length - 1));
        expectUnrecognised(provider, token.slice(0, i) + '=' + token.slice(i));
        expectUnrecognised(provider, token.slice(0, i) + '=' + token.slice(i + 1));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses random strings and random bytes, including well-framed ones', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), fc.nat(20), (s, b, blocks) => {
        expectUnrecognised(provider, s);
        expectUnrecognised(provider, encodeUnpadded(b));
        const framed = Buffer.concat([Buffer.from([0x80]), Buffer.alloc(8), Buffer.alloc(16 * (blocks + 2), b.length)]);
        expectUnrecognised(provider, encodeUnpadded(framed));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a token signed by a key outside the repository', () => {
    const stranger = FernetKey.parse(FernetKey.generateText());
    const token = encodeUnpadded(fernetEncrypt(stranger, decodeCanonical(tokens[0])!.subarray(25, 41)));
    expectUnrecognised(provider, token);
  });

  it('reports authenticated payloads it cannot read as unrecognised, and unknown versions as Keystone does', () => {
    const primary = FernetKey.parse(provider['ring'].current()[0].text);
    const sign = (payload: Buffer) => encodeUnpadded(fernetEncrypt(primary, payload));
    for (const bad of [Buffer.from([0xc1]), pythonPackb('text'), pythonPackb([]), pythonPackb([2, [true, Buffer.alloc(3)]]), Buffer.from('')]) {
      expectUnrecognised(provider, sign(bad));
    }
    expect(() => provider.validate(sign(pythonPackb([12, 'x'])))).toThrow('This is not a recognized Fernet payload version: 12');
  });
});

describe('FernetTokenProvider key handling', () => {
  it('refuses to start without a usable repository, like Keystone', () => {
    expect(() => new FernetTokenProvider({ keyRepository: '/nonexistent/keys', maxActiveKeys: 3 })).toThrow('does not exist');
    const empty = tempDir();
    expect(() => new FernetTokenProvider({ keyRepository: empty.path, maxActiveKeys: 3 })).toThrow('does not contain keys');
    empty.cleanup();
  });

  it('answers KeysNotFound (500) when the keys vanish, not an invalid-token error', async () => {
    const repo = tempDir();
    await setup(repo.path);
    const provider = new FernetTokenProvider({ keyRepository: repo.path, maxActiveKeys: 3, keyRecheckMs: 0 });
    repo.cleanup();
    expect(() => provider.validate('x')).toThrow(FernetKeysNotFound);
  });
});
