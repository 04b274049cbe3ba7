import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { CacheBackend, Logger } from '@keystone-ts/plugin-sdk';

export interface CacheGuardOptions {
  /** Deadline of one backend call. */
  timeoutMs: number;
  /** Consecutive failed reads/fills that open the breaker. */
  failureThreshold: number;
  /** Delay between probes while open. */
  cooldownMs: number;
  logger: Logger;
}

export type CacheGuardState = 'closed' | 'open' | 'probing';

export class CacheTimeoutError extends Error {
  constructor(
    what: string,
    ms: number,
    /** This process was too busy to read the reply in time: the cache is not to blame. */
    readonly overloaded: boolean,
  ) {
    super(`cache ${what} took more than ${ms} ms${overloaded ? ' (this process was overloaded)' : ''}`);
    this.name = 'CacheTimeoutError';
  }
}

/** Invalidations wait longer: they are rare, and a lost one costs a bypass of the whole cache. */
const INVALIDATION_DEADLINE_FACTOR = 10;

/**
 * Keeps a sick cache from hurting requests or authorization:
 *
 * - every call has a deadline; a failed read is a miss (the database answers);
 * - after `failureThreshold` consecutive failures the breaker opens: the cache
 *   is bypassed entirely, and probed every `cooldownMs` in the background
 *   (no request ever waits on a probe);
 * - an invalidation that cannot be written marks its region dirty and opens
 *   the breaker at once, because the backend may still hold what it was meant
 *   to drop (a validated token whose revocation bump was lost). While open,
 *   invalidations are not even tried: they only mark regions dirty. A probe
 *   first gives every dirty region a new generation, and only when that
 *   worked does the cache come back;
 * - `epoch` changes on every trip, so a read that was in flight when the
 *   breaker opened is discarded rather than trusted.
 */
export class CacheGuard {
  private current: CacheGuardState = 'closed';
  private failures = 0;
  private streakStart = 0;
  private elu: { mark: EventLoopUtilization; at: number; busy: number } = { mark: performance.eventLoopUtilization(), at: Date.now(), busy: 0 };
  private epochValue = 0;
  private markSeq = 0;
  private readonly dirtyRegions = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  /** Set by the owner: gives the regions new generations (throws on failure). */
  regenerate: (regions: string[]) => Promise<void> = async () => undefined;

  constructor(
    readonly backend: CacheBackend,
    private readonly opts: CacheGuardOptions,
  ) {}

  get state(): CacheGuardState {
    return this.current;
  }
  get usable(): boolean {
    return this.current === 'closed';
  }
  get epoch(): number {
    return this.epochValue;
  }
  get dirty(): string[] {
    return [...this.dirtyRegions.keys()];
  }

  /** A read or a fill. Not attempted while the breaker is open. */
  async attempt<T>(what: string, fn: (b: CacheBackend) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    if (!this.usable) return { ok: false };
    try {
      const value = await this.call(what, fn);
      this.failures = 0;
      return { ok: true, value };
    } catch (e) {
      this.failed(what, e, false);
      return { ok: false };
    }
  }

  /** An invalidation of `region` (or of one of its keys). Never throws. */
  async invalidate(region: string, what: string, fn: (b: CacheBackend) => Promise<unknown>): Promise<void> {
    if (!this.usable) {
      this.markDirty(region);
      return;
    }
    try {
      await this.call(what, fn, Math.max(1000, this.opts.timeoutMs * INVALIDATION_DEADLINE_FACTOR));
      this.failures = 0;
    } catch (e) {
      this.markDirty(region);
      this.failed(what, e, true);
    }
  }

  markDirty(region: string): void {
    this.dirtyRegions.set(region, ++this.markSeq);
  }

  /** Opens the breaker (no-op when already open). */
  trip(reason: string): void {
    if (this.current === 'closed') {
      this.epochValue++;
      this.opts.logger.warn(`Cache bypassed (${reason}); the database answers until the cache is healthy again`);
    }
    this.current = 'open';
    this.schedule();
  }

  /** Runs one probe now (tests; normally the timer does). */
  async probe(): Promise<boolean> {
    if (this.current !== 'open' || this.closed) return this.current === 'closed';
    clearTimeout(this.timer);
    this.current = 'probing';
    try {
      for (let round = 0; this.dirtyRegions.size > 0; round++) {
        if (round > 10) throw new Error('regions keep being invalidated while the cache recovers');
        const snapshot = [...this.dirtyRegions];
        await this.call('regenerate', () => this.regenerate(snapshot.map(([r]) => r)));
        // A region marked again while we were at it stays dirty for the next round.
        for (const [region, seq] of snapshot) if (this.dirtyRegions.get(region) === seq) this.dirtyRegions.delete(region);
      }
      await this.call('probe', (b) => b.getMany(['ks:probe']));
      if (this.dirtyRegions.size > 0) throw new Error('invalidated during the probe');
      this.current = 'closed';
      this.failures = 0;
      this.opts.logger.info('Cache backend healthy again; caching resumed');
      return true;
    } catch (e) {
      this.opts.logger.debug(`Cache probe failed: ${(e as Error).message}`);
      this.current = 'open';
      this.schedule();
      return false;
    }
  }

  stop(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private failed(what: string, e: unknown, invalidation: boolean): void {
    if (!invalidation && e instanceof CacheTimeoutError && e.overloaded) {
      // This request still uses the database, but a CPU burst here must not switch the
      // whole process to the costlier database path.
      this.opts.logger.debug(`Cache ${what} answered late: ${e.message}`);
      return;
    }
    if (this.failures++ === 0) this.streakStart = Date.now();
    const message = (e as Error)?.message ?? String(e);
    this.opts.logger.debug(`Cache ${what} failed: ${message}`);
    if (invalidation) {
      this.trip(`an invalidation failed: ${message}`);
    } else if (this.failures >= this.opts.failureThreshold) {
      // An error (refused, reset, a silent server dropped by the backend) is the server's fault.
      // Timeouts must be spread over at least one deadline: a burst timing out together is one event.
      const timedOut = e instanceof CacheTimeoutError;
      if (!timedOut || Date.now() - this.streakStart >= this.opts.timeoutMs) this.trip(`${this.failures} failed calls, last: ${message}`);
    }
  }

  /**
   * Whether this process's event loop was (nearly) always busy lately. Then a late reply is
   * ours: the replies of a burst queue up in the socket behind each other while we spend the
   * CPU on the requests they answer, and no timer runs late enough to show it.
   */
  private saturated(): boolean {
    const now = Date.now();
    if (now - this.elu.at >= 100) {
      const mark = performance.eventLoopUtilization();
      this.elu = { mark, at: now, busy: performance.eventLoopUtilization(mark, this.elu.mark).utilization };
    }
    return this.elu.busy > 0.8;
  }

  private schedule(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.probe(), this.opts.cooldownMs);
    this.timer.unref();
  }

  private call<T>(what: string, fn: (b: CacheBackend) => Promise<T>, ms = this.opts.timeoutMs): Promise<T> {
    const work = Promise.resolve().then(() => fn(this.backend));
    // The backend may still settle after the deadline; nobody listens then.
    work.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      let due = Date.now() + ms;
      let extended = false;
      const slack = Math.max(5, ms * 0.2);
      const expire = () => {
        // A busy event loop is not a slow cache: when this timer runs late, the reply may be
        // sitting unread in the socket (or the server may be blocked writing to us because we
        // read slowly). Grant the time we were not listening (once), let one more I/O poll run,
        // and if it still fails, say it was our fault so the breaker is not charged.
        const lag = Date.now() - due;
        if (lag > slack && !extended) {
          extended = true;
          const extra = Math.min(lag, ms * 10);
          due = Date.now() + extra;
          timer = setTimeout(expire, extra);
          return;
        }
        const overloaded = extended || lag > slack || this.saturated();
        setImmediate(() => reject(new CacheTimeoutError(what, ms, overloaded)));
      };
      timer = setTimeout(expire, ms);
    });
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
  }
}
