import type { CacheBackend } from '@keystone-ts/plugin-sdk';

/**
 * What every `keystone.cache.backend` must do, run against each in-tree
 * backend (and available to third-party ones). `make` is called once per
 * test; keys are unique per test so a shared server needs no flushing.
 *
 * Belongs in plugin-sdk's testing/ once that folder exists.
 */
export function cacheBackendConformance(name: string, make: () => CacheBackend | Promise<CacheBackend>, opts: { shared: boolean; ttlSeconds?: boolean } = { shared: true }): void {
  describe(`${name} conforms to the cache backend contract`, () => {
    let backend: CacheBackend;
    let n = 0;
    const key = (s: string) => `ks:conformance:${process.pid}:${Date.now()}:${++n}:${s}`;

    beforeEach(async () => {
      backend = await make();
    });
    afterEach(async () => {
      await backend.close();
    });

    it(`says whether it is shared (${opts.shared})`, () => {
      expect(backend.shared).toBe(opts.shared);
    });

    it('answers misses and hits in the order asked, duplicates included', async () => {
      const [a, b] = [key('a'), key('b')];
      await backend.set(a, 'A', 60);
      expect(await backend.getMany([b, a, a])).toEqual([undefined, 'A', 'A']);
      expect(await backend.getMany([])).toEqual([]);
    });

    it('set overwrites; add only fills an absent key', async () => {
      const k = key('k');
      expect(await backend.add(k, 'first', 60)).toBe(true);
      expect(await backend.add(k, 'second', 60)).toBe(false);
      await backend.set(k, 'third', 60);
      expect(await backend.getMany([k])).toEqual(['third']);
    });

    it('delete removes, and is quiet about absent keys', async () => {
      const k = key('d');
      await backend.set(k, 'x', 0);
      await backend.delete(k);
      await backend.delete(k);
      expect(await backend.getMany([k])).toEqual([undefined]);
      expect(await backend.add(k, 'again', 60)).toBe(true);
    });

    it('keeps UTF-8 text and large values intact', async () => {
      const [u, big] = [key('u'), key('big')];
      const text = 'žluťoučký kůň 🐎 \r\nEND\r\n VALUE x 0 1\r\n';
      const large = JSON.stringify({ blob: 'x'.repeat(300_000) });
      await backend.set(u, text, 60);
      await backend.set(big, large, 60);
      expect(await backend.getMany([u, big])).toEqual([text, large]);
    });

    it('answers many concurrent calls correctly (pipelining keeps replies in order)', async () => {
      const keys = Array.from({ length: 300 }, (_, i) => key(`p${i}`));
      await Promise.all(keys.map((k, i) => backend.set(k, `v${i}`, 60)));
      const got = await Promise.all(keys.map((k) => backend.getMany([k]).then((r) => r[0])));
      expect(got).toEqual(keys.map((_, i) => `v${i}`));
      expect(await backend.getMany(keys)).toEqual(keys.map((_, i) => `v${i}`));
    });

    if (opts.ttlSeconds !== false) {
      it('expires entries after their TTL (0 = never)', async () => {
        const [short, forever] = [key('ttl'), key('forever')];
        await backend.set(short, 'x', 1);
        await backend.set(forever, 'y', 0);
        await new Promise((r) => setTimeout(r, 2100));
        expect(await backend.getMany([short, forever])).toEqual([undefined, 'y']);
      });
    }
  });
}
