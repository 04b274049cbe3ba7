import type { CacheBackend, CacheBackendOptions } from '@keystone-ts/plugin-sdk';
import { RespConnection, RespError, type RespValue } from './resp-connection';
import { handshakeFor, redisSettings, type RedisSettings } from './redis-settings';

/**
 * Redis (dogpile.cache.redis), or the master a set of sentinels names
 * (dogpile.cache.redis_sentinel). With sentinels, the master is looked up
 * when a connection is opened and again after any connection failure or
 * READONLY reply, so a failover is followed without a restart.
 */
export class RedisCacheBackend implements CacheBackend {
  readonly shared = true;
  private conn: RespConnection | null = null;
  private resolving: Promise<RespConnection> | null = null;

  constructor(readonly settings: RedisSettings) {}

  static fromOptions(o: CacheBackendOptions, sentinel = false): RedisCacheBackend {
    return new RedisCacheBackend(redisSettings(o, sentinel));
  }

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    if (keys.length === 0) return [];
    const reply = await this.call(['MGET', ...keys]);
    if (!Array.isArray(reply)) throw new Error('redis MGET: unexpected reply');
    return reply.map((v) => (typeof v === 'string' ? v : undefined));
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.call(ttlSeconds > 0 ? ['SET', key, value, 'EX', String(ttlSeconds)] : ['SET', key, value]);
  }

  async add(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    const reply = await this.call(ttlSeconds > 0 ? ['SET', key, value, 'NX', 'EX', String(ttlSeconds)] : ['SET', key, value, 'NX']);
    return reply === 'OK';
  }

  async delete(key: string): Promise<void> {
    await this.call(['DEL', key]);
  }

  async close(): Promise<void> {
    this.conn?.close();
    this.conn = null;
  }

  private async call(args: string[]): Promise<RespValue> {
    const conn = this.conn ?? (await this.connect());
    try {
      return await conn.command(args);
    } catch (e) {
      // With sentinels the master may have moved: look it up again next time.
      const moved = !(e instanceof RespError) || /^READONLY/.test(e.message);
      if (this.settings.sentinel && this.conn === conn && moved) this.conn = null;
      throw e;
    }
  }

  private connect(): Promise<RespConnection> {
    const s = this.settings;
    if (!s.sentinel) {
      this.conn = new RespConnection(s.host, s.port, s.timeoutMs, s.tls, handshakeFor(s));
      return Promise.resolve(this.conn);
    }
    this.resolving ??= this.findMaster()
      .then(({ host, port }) => (this.conn = new RespConnection(host, port, s.timeoutMs, s.tls, handshakeFor(s))))
      .finally(() => (this.resolving = null));
    return this.resolving;
  }

  /** Asks each sentinel in turn; the first that names a master wins. */
  private async findMaster(): Promise<{ host: string; port: number }> {
    const { sentinel, timeoutMs, tls } = this.settings;
    const errors: string[] = [];
    for (const at of sentinel!.sentinels) {
      const c = new RespConnection(at.host, at.port, timeoutMs, tls);
      try {
        const reply = await c.command(['SENTINEL', 'get-master-addr-by-name', sentinel!.serviceName]);
        if (Array.isArray(reply) && typeof reply[0] === 'string') return { host: reply[0], port: Number(reply[1]) };
        errors.push(`${at.host}:${at.port} knows no master '${sentinel!.serviceName}'`);
      } catch (e) {
        errors.push(`${at.host}:${at.port}: ${(e as Error).message}`);
      } finally {
        c.close();
      }
    }
    throw new Error(`no sentinel named a master for '${sentinel!.serviceName}' (${errors.join('; ')})`);
  }
}
