import type { ConnectionOptions } from 'node:tls';
import { PipelinedConnection } from '@keystone-ts/plugin-sdk';

interface Pending {
  /** 'get' reads VALUE blocks up to END; 'line' reads one reply line. */
  kind: 'get' | 'line';
  values: Map<string, string>;
  resolve(v: unknown): void;
  reject(e: Error): void;
}

const CRLF = Buffer.from('\r\n');

/** One pipelined connection to one memcached server, text protocol (framing and failure rules: PipelinedConnection). */
export class MemcachedConnection extends PipelinedConnection<Pending> {
  constructor(host: string, port: number, timeoutMs: number, tls: ConnectionOptions | null) {
    super(host, port, timeoutMs, tls, 'memcached');
  }

  get(keys: readonly string[]): Promise<Map<string, string>> {
    return this.send('get', `get ${keys.join(' ')}\r\n`) as Promise<Map<string, string>>;
  }

  /** `set`/`add`: resolves to the reply line (STORED / NOT_STORED). */
  store(cmd: 'set' | 'add', key: string, value: string, exptime: number): Promise<string> {
    const data = Buffer.from(value, 'utf8');
    const head = Buffer.from(`${cmd} ${key} 0 ${exptime} ${data.length}\r\n`);
    return this.send('line', Buffer.concat([head, data, CRLF])) as Promise<string>;
  }

  delete(key: string): Promise<string> {
    return this.send('line', `delete ${key}\r\n`) as Promise<string>;
  }

  private send(kind: Pending['kind'], payload: string | Buffer): Promise<unknown> {
    return new Promise((resolve, reject) => this.enqueue({ kind, values: new Map(), resolve, reject }, payload));
  }

  protected consume(): void {
    while (this.pending.length > 0 && this.parseOne(this.pending[0])) {
      this.pending.shift();
    }
    if (this.pending.length === 0 && this.buf.length > 0) throw new Error('memcached sent an unexpected reply');
  }

  /** Consumes one complete reply for `p`; false when more bytes are needed. */
  private parseOne(p: Pending): boolean {
    for (;;) {
      const eol = this.buf.indexOf(CRLF);
      if (eol < 0) return false;
      const line = this.buf.toString('latin1', 0, eol);
      if (/^(ERROR|CLIENT_ERROR|SERVER_ERROR)/.test(line)) {
        // After an error the stream may be out of step: fail the connection, not just this call.
        throw new Error(`memcached: ${line}`);
      }
      if (p.kind === 'line') {
        this.buf = this.buf.subarray(eol + 2);
        p.resolve(line);
        return true;
      }
      if (line === 'END') {
        this.buf = this.buf.subarray(eol + 2);
        p.resolve(p.values);
        return true;
      }
      const m = /^VALUE (\S+) \d+ (\d+)/.exec(line);
      if (!m) throw new Error(`memcached: unexpected reply '${line.slice(0, 80)}'`);
      const size = Number(m[2]);
      if (this.buf.length < eol + 2 + size + 2) return false;
      p.values.set(m[1], this.buf.toString('utf8', eol + 2, eol + 2 + size));
      this.buf = this.buf.subarray(eol + 2 + size + 2);
    }
  }
}
