import type { ConnectionOptions } from 'node:tls';
import { BusyError, Client, ResultCodeError, UnavailableError } from 'ldapts';
import type { Logger } from '@keystone-ts/plugin-sdk';

export interface PoolSettings {
  /** Tried in order for every new connection (libldap's behaviour with a URL list). */
  urls: readonly string[];
  /** Bound right after connecting; null: anonymous, or the operation binds itself. */
  bind: { dn: string; password: string } | null;
  startTls: boolean;
  tls: ConnectionOptions;
  connectTimeoutMs: number | undefined;
  /** Most connections in use at once. */
  size: number;
  /** How long a connection is reused; 0: one connection per operation. */
  lifetimeMs: number;
  /** Rounds over all URLs before giving up, and the pause between rounds. */
  rounds: number;
  retryDelayMs: number;
  logger: Logger;
  now?: () => number;
}

interface Pooled {
  client: Client;
  url: string;
  createdAt: number;
}

/** Every URL failed (refused, unreachable, closed, TLS failure): Keystone's LDAPServerConnectionError. */
export class LdapUnavailableError extends Error {
  constructor(
    readonly urls: readonly string[],
    override readonly cause: unknown,
  ) {
    super(`Unable to establish a connection to LDAP Server (${urls.join(',')}): ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'LdapUnavailableError';
  }
}

/**
 * Whether an error means "this server cannot be used now" (try the next
 * URL / a fresh connection) rather than an LDAP answer. LDAP result codes
 * are answers, except busy/unavailable which a replica may not give.
 */
export function isConnectionFailure(e: unknown): boolean {
  if (e instanceof BusyError || e instanceof UnavailableError) return true;
  if (e instanceof ResultCodeError) return false;
  // Duck-typed: socket errors may come from another realm (a test sandbox), failing instanceof Error.
  if (typeof e !== 'object' || e === null) return false;
  if (typeof (e as { code?: unknown }).code === 'string') return true;
  const message = (e as { message?: unknown }).message;
  return typeof message === 'string' && /^(Socket error|Connection closed|Connection timeout)|socket|ECONN|TLS/i.test(message);
}

/**
 * A bounded set of LDAP connections with URL fail-over. Operations are
 * reads (or a bind), so an operation whose connection broke is simply run
 * again on another connection: first a fresh connection when a reused one
 * turned out stale (server restarted), then the next URL, then another
 * round after `retryDelayMs`.
 */
export class LdapPool {
  private readonly idle: Pooled[] = [];
  private inUse = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly s: PoolSettings) {
    this.now = s.now ?? Date.now;
  }

  async run<T>(operation: (client: Client) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('LDAP connection pool is closed');
    await this.acquireSlot();
    try {
      return await this.runWithFailover(operation);
    } finally {
      this.releaseSlot();
    }
  }

  /** Closes every idle connection; connections in use close when released. */
  async close(): Promise<void> {
    this.closed = true;
    const all = this.idle.splice(0);
    await Promise.all(all.map((p) => this.destroy(p)));
  }

  private async runWithFailover<T>(operation: (client: Client) => Promise<T>): Promise<T> {
    const reused = this.takeIdle();
    if (reused) {
      try {
        return await this.attempt(reused, operation);
      } catch (e) {
        if (!isConnectionFailure(e)) throw e;
        this.s.logger.debug(`LDAP connection to ${reused.url} broke (${(e as Error).message}); reconnecting`);
      }
    }
    let last: unknown = null;
    for (let round = 0; round < Math.max(1, this.s.rounds); round++) {
      if (round > 0 && this.s.retryDelayMs > 0) await sleep(this.s.retryDelayMs);
      for (const url of this.s.urls) {
        let pooled: Pooled;
        try {
          pooled = await this.open(url);
        } catch (e) {
          if (!isConnectionFailure(e)) throw e;
          this.s.logger.debug(`LDAP server ${url} unusable: ${(e as Error).message}`);
          last = e;
          continue;
        }
        try {
          return await this.attempt(pooled, operation);
        } catch (e) {
          if (!isConnectionFailure(e)) throw e;
          this.s.logger.debug(`LDAP server ${url} failed: ${(e as Error).message}`);
          last = e;
        }
      }
    }
    throw new LdapUnavailableError(this.s.urls, last);
  }

  /** Runs the operation; the connection goes back to the pool unless it broke. */
  private async attempt<T>(pooled: Pooled, operation: (client: Client) => Promise<T>): Promise<T> {
    try {
      const result = await operation(pooled.client);
      await this.giveBack(pooled);
      return result;
    } catch (e) {
      if (isConnectionFailure(e)) await this.destroy(pooled);
      else await this.giveBack(pooled);
      throw e;
    }
  }

  private async open(url: string): Promise<Pooled> {
    const secure = /^ldaps:/i.test(url);
    const client = new Client({
      url,
      connectTimeout: this.s.connectTimeoutMs,
      tlsOptions: secure ? this.s.tls : undefined,
      strictDN: false,
    });
    const pooled = { client, url, createdAt: this.now() };
    try {
      if (this.s.startTls) await client.startTLS(this.s.tls);
      if (this.s.bind) await client.bind(this.s.bind.dn, this.s.bind.password);
    } catch (e) {
      await this.destroy(pooled);
      throw e;
    }
    return pooled;
  }

  /** An idle connection still open and within its lifetime; stale ones are closed. */
  private takeIdle(): Pooled | null {
    while (this.idle.length) {
      const p = this.idle.pop()!;
      if (p.client.isConnected && this.now() - p.createdAt < this.s.lifetimeMs) return p;
      void this.destroy(p);
    }
    return null;
  }

  private async giveBack(p: Pooled): Promise<void> {
    if (this.closed || this.s.lifetimeMs <= 0 || !p.client.isConnected || this.now() - p.createdAt >= this.s.lifetimeMs) {
      await this.destroy(p);
      return;
    }
    this.idle.push(p);
  }

  private async destroy(p: Pooled): Promise<void> {
    await p.client.unbind().catch(() => undefined);
  }

  private async acquireSlot(): Promise<void> {
    if (this.inUse < this.s.size) {
      this.inUse++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot straight to the next waiter, if any. */
  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inUse--;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
