/**
 * How long the primary waits before replacing a crashed worker. A worker
 * that dies once is replaced almost at once; one that keeps dying (a
 * database that is down, a bad edit of the config file) is replaced less
 * and less often, so a crash loop does not spin the CPU or flood the log.
 */
export class RestartBackoff {
  private crashes: number[] = [];

  constructor(
    private readonly baseMs = 100,
    private readonly maxMs = 30_000,
    /** Crashes older than this are forgotten. */
    private readonly windowMs = 60_000,
  ) {}

  /** Records a crash at `now` and returns the delay before the replacement starts. */
  next(now = Date.now()): number {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    return Math.min(this.maxMs, this.baseMs * 2 ** (this.crashes.length - 1));
  }
}
