import { RestartBackoff } from '../../apps/keystone-all/src/restart-backoff.policy';

describe('RestartBackoff (replacing crashed workers)', () => {
  it('replaces a single crash at once and slows down a crash loop, up to a ceiling', () => {
    const b = new RestartBackoff(100, 30_000, 60_000);
    const t0 = 1_000_000;
    const delays = Array.from({ length: 12 }, (_, i) => b.next(t0 + i * 10));
    expect(delays.slice(0, 5)).toEqual([100, 200, 400, 800, 1600]);
    expect(Math.max(...delays)).toBe(30_000);
  });

  it('forgets crashes older than its window', () => {
    const b = new RestartBackoff(100, 30_000, 60_000);
    b.next(0);
    b.next(1);
    b.next(2);
    expect(b.next(70_000)).toBe(100);
  });
});
