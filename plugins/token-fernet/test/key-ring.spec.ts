/**
 * The provider notices rotations (and rewritten keys) through a cheap,
 * throttled stat check, without re-reading keys on every request.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCanonical } from '../src/fernet/base64url';
import { FernetKey, fernetDecrypt } from '../src/fernet/fernet-token';
import { FernetTokenProvider } from '../src/fernet-token.provider';
import { InvalidFernetToken } from '../src/fernet-token.errors';
import { rotate, setup } from '../src/key-repository';
import { KeyRing } from '../src/keys/key-ring';
import { tempDir } from './support/fixtures';

const payload = { userId: 'u', methods: ['password'], expiresAt: 2_000_000_000, auditIds: ['AAAAAAAAAAAAAAAAAAAAAA'] };

/** Which key file of the repository authenticates this token. */
function signedBy(dir: string, token: string, candidates: string[]): string | undefined {
  return candidates.find((k) => fernetDecrypt([FernetKey.parse(readFileSync(join(dir, k), 'utf8'))], decodeCanonical(token)!));
}

describe('key reloading', () => {
  it('issues with the new primary after a rotation, and keeps validating until a key is purged', async () => {
    const t = tempDir();
    await setup(t.path);
    const provider = new FernetTokenProvider({ keyRepository: t.path, maxActiveKeys: 3, keyRecheckMs: 0 });
    const first = provider.issue(payload);
    expect(signedBy(t.path, first, ['1', '0'])).toBe('1');
    await rotate(t.path, 3);
    const second = provider.issue(payload);
    expect(signedBy(t.path, second, ['2', '1', '0'])).toBe('2');
    expect(provider.validate(first).userId).toBe('u'); // key 1 is now secondary
    await rotate(t.path, 3); // purges key 1
    expect(() => provider.validate(first)).toThrow(InvalidFernetToken);
    expect(provider.validate(second).userId).toBe('u');
    t.cleanup();
  });

  it('looks at the repository at most once per recheck interval', async () => {
    const t = tempDir();
    await setup(t.path);
    let now = 0;
    const ring = new KeyRing(t.path, 3, { recheckMs: 1000, now: () => now });
    const before = ring.current()[0];
    await rotate(t.path, 3);
    now = 999;
    expect(ring.current()[0]).toBe(before);
    now = 1000;
    expect(ring.current()[0]).not.toBe(before);
    expect(ring.current()).toHaveLength(3);
    t.cleanup();
  });

  it('sees a key rewritten in place (directory unchanged)', async () => {
    const t = tempDir();
    await setup(t.path);
    let now = 0;
    const ring = new KeyRing(t.path, 3, { recheckMs: 10, now: () => now });
    const before = ring.current()[0].text;
    const replacement = FernetKey.generateText();
    writeFileSync(join(t.path, '1'), replacement + '\n'); // different size and mtime
    now = 10;
    expect(ring.current()[0].text).toBe(replacement + '\n');
    expect(before).not.toBe(replacement);
    t.cleanup();
  });

  it('fails every operation while a key is invalid (like Keystone), and recovers when it is fixed', async () => {
    const t = tempDir();
    await setup(t.path);
    let now = 0;
    const ring = new KeyRing(t.path, 3, { recheckMs: 10, now: () => now });
    const good = readFileSync(join(t.path, '1'), 'utf8');
    writeFileSync(join(t.path, '1'), 'not-a-key');
    now = 10;
    expect(() => ring.current()).toThrow(/Invalid key .*1: Fernet key must be 32 url-safe base64-encoded bytes/);
    writeFileSync(join(t.path, '1'), good);
    now = 20;
    expect(ring.current()).toHaveLength(2);
    t.cleanup();
  });
});
