/**
 * Key repository layout, setup and rotation, checked against Keystone's
 * FernetUtils on the same directories: a repository we rotate is read by
 * Keystone exactly as we read it, and the other way round.
 */
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FernetKeyRepository, rotate, setup } from '../src/key-repository';
import { tempDir, recordingLogger } from './support/fixtures';
import { keystoneAvailable, runKeystone } from './support/keystone-oracle';

const keyNumbers = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /^\d+$/.test(f))
    .map(Number)
    .sort((a, b) => a - b);

const mode = (p: string) => statSync(p).mode & 0o777;

describe('key repository', () => {
  it('sets up 0 (staged) and 1 (primary): dir 0700, keys 0600, 44-character keys', async () => {
    const t = tempDir();
    const dir = join(t.path, 'keys');
    const result = await setup(dir);
    expect(result).toEqual({ promotedTo: 1, purged: [] });
    expect(keyNumbers(dir)).toEqual([0, 1]);
    expect(mode(dir)).toBe(0o700);
    for (const k of ['0', '1']) {
      expect(mode(join(dir, k))).toBe(0o600);
      expect(readFileSync(join(dir, k), 'utf8')).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    }
    expect(await setup(dir)).toBeNull(); // already initialised: left alone
    expect(readdirSync(dir).filter((f) => !/^\d+$/.test(f))).toEqual([]); // no tmp or lock left behind
    t.cleanup();
  });

  it('rotates: 0 becomes max+1, a new 0 appears, the oldest go beyond max_active_keys', async () => {
    const t = tempDir();
    await setup(t.path);
    const before = readFileSync(join(t.path, '0'), 'utf8');
    expect(await rotate(t.path, 3)).toEqual({ promotedTo: 2, purged: [] });
    expect(readFileSync(join(t.path, '2'), 'utf8')).toBe(before);
    expect(keyNumbers(t.path)).toEqual([0, 1, 2]);
    expect((await rotate(t.path, 3))!.purged).toEqual([join(t.path, '1')]);
    expect(keyNumbers(t.path)).toEqual([0, 2, 3]);
    await rotate(t.path, 5);
    await rotate(t.path, 5);
    expect(keyNumbers(t.path)).toEqual([0, 2, 3, 4, 5]);
    await rotate(t.path, 2);
    expect(keyNumbers(t.path)).toEqual([0, 6]);
    t.cleanup();
  });

  it('loads keys primary first and staged last, ignoring empty and non-numeric files (with a warning)', async () => {
    const t = tempDir();
    await setup(t.path);
    await rotate(t.path, 5);
    writeFileSync(join(t.path, '7'), '');
    writeFileSync(join(t.path, 'README'), 'not a key');
    const log = recordingLogger();
    const texts = new FernetKeyRepository(t.path, 5, { logger: log }).loadKeyTexts();
    expect(texts).toEqual(['2', '1', '0'].map((k) => readFileSync(join(t.path, k), 'utf8')));
    expect(log.lines).toContainEqual(['warn', `Ignoring empty key found in key repository: ${join(t.path, '7')}`]);
    t.cleanup();
  });

  it('warns, without failing, when the repository is world-readable', async () => {
    const t = tempDir();
    await setup(t.path);
    chmodSync(t.path, 0o755);
    const log = recordingLogger();
    expect(new FernetKeyRepository(t.path, 3, { logger: log }).loadKeyTexts()).toHaveLength(2);
    expect(log.lines).toContainEqual(['warn', `key_repository is world readable: ${t.path}`]);
    t.cleanup();
  });

  (process.getuid?.() === 0 ? it : it.skip)('gives the directory and keys to --keystone-user/--keystone-group (names or numbers)', async () => {
    const t = tempDir();
    const dir = join(t.path, 'keys');
    await setup(dir, { keystoneUser: 'nobody', keystoneGroup: 'nogroup' });
    for (const p of [dir, join(dir, '0'), join(dir, '1')]) expect([statSync(p).uid, statSync(p).gid]).toEqual([65534, 65534]);
    await rotate(dir, 3, { keystoneUser: 65534, keystoneGroup: '65534' });
    expect(statSync(join(dir, '0')).uid).toBe(65534);
    const log = recordingLogger();
    await rotate(dir, 3, { keystoneUser: 'nobody', logger: log });
    expect(log.lines.some(([l, m]) => l === 'warn' && m.startsWith('Unable to change the ownership of the new key'))).toBe(true);
    await expect(setup(join(t.path, 'x'), { keystoneUser: 'no-such-user-here', keystoneGroup: 'nogroup' })).rejects.toThrow(
      "Unknown user 'no-such-user-here' in --keystone-user",
    );
    t.cleanup();
  });
});

(keystoneAvailable ? describe : describe.skip)('key repository vs Keystone FernetUtils', () => {
  it('rotates to the same key numbers as Keystone, step for step, and each reads the other\u2019s repository', async () => {
    const ours = tempDir();
    const theirs = tempDir();
    const steps = [3, 3, 3, 5, 5, 5, 2, 1, 1, 4];
    const expected = runKeystone<number[]>({
      ops: [{ op: 'setup', dir: theirs.path }, ...steps.map((max) => ({ op: 'rotate', dir: theirs.path, max_active_keys: max }))],
    });
    const got: number[][] = [];
    await setup(ours.path);
    got.push(keyNumbers(ours.path));
    for (const max of steps) {
      await rotate(ours.path, max);
      got.push(keyNumbers(ours.path));
    }
    expect(got).toEqual(expected);
    // Each side loads the other's repository to the same key list.
    const [keystoneReadsOurs, keystoneReadsTheirs] = runKeystone<string[]>({
      ops: [
        { op: 'load_keys', dir: ours.path },
        { op: 'load_keys', dir: theirs.path },
      ],
    });
    expect(new FernetKeyRepository(ours.path, 4).loadKeyTexts()).toEqual(keystoneReadsOurs);
    expect(new FernetKeyRepository(theirs.path, 4).loadKeyTexts()).toEqual(keystoneReadsTheirs);
    ours.cleanup();
    theirs.cleanup();
  });

  it('continues a Keystone-made repository, and Keystone continues ours', async () => {
    const a = tempDir();
    const b = tempDir();
    runKeystone({ ops: [{ op: 'setup', dir: a.path }, { op: 'rotate', dir: a.path }] });
    await rotate(a.path, 3);
    await setup(b.path);
    await rotate(b.path, 3);
    const [afterA, afterB] = runKeystone<number[]>({
      ops: [
        { op: 'rotate', dir: a.path },
        { op: 'rotate', dir: b.path },
      ],
    });
    expect(afterA).toEqual([0, 3, 4]);
    expect(afterB).toEqual([0, 2, 3]);
    await rotate(a.path, 3);
    expect(keyNumbers(a.path)).toEqual([0, 4, 5]);
    expect(mode(join(a.path, '5'))).toBe(0o600);
    a.cleanup();
    b.cleanup();
  });
});
