import { NotFound, type TokenPayload } from '@keystone-ts/plugin-sdk';
import { UuidTokenProvider } from '../src/uuid-token.provider';

const payload: TokenPayload = { userId: 'u', methods: ['password'], expiresAt: 2000000000, auditIds: ['AAAAAAAAAAAAAAAAAAAAAA'] };

describe('UuidTokenProvider', () => {
  const provider = new UuidTokenProvider();

  it('needs persistence and can carry bind', () => {
    expect(provider.needsPersistence).toBe(true);
    expect(provider.supportsBind).toBe(true);
  });

  it('issues distinct uuid4 hex ids', () => {
    const a = provider.issue(payload);
    expect(a).toMatch(/^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
    expect(provider.issue(payload)).not.toBe(a);
  });

  it('returns the stored facts, and 404 without them or for a malformed id', () => {
    const id = provider.issue(payload);
    expect(provider.validate(id, payload)).toBe(payload);
    expect(() => provider.validate(id)).toThrow(new NotFound(`Could not find token: ${id}.`));
    expect(() => provider.validate('not-a-uuid', payload)).toThrow(NotFound);
  });
});
