import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';

interface Pending {
  /** 'get' reads VALUE blocks up to END; 'line' reads one reply line. */
  kind: 'get' | 'line';
  values: Map<string, string>;
  resolve(v: unknown): void;
  reject(e: Error): void;
}

const CRLF = Buffer.from('\r\n');

/**
 * One pipelined connection to one memcached server, text protocol. Requests
 * are written at once (Node buffers them until the socket connects) and
 * answered in order. It never retries and never waits for a dead server:
 * a refused or broken connection fails every pending request, and the next
 * request opens a new one; a server that stops answering for `timeoutMs`
 * gets its connection torn down, so requests cannot pile up behind it.
 */
export class MemcachedConnection {
  private socket: Socket | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private readonly pending: Pending[] = [];
  private watchdog: NodeJS.Timeout | undefined;
  /** Last time the server sent bytes, or a request started waiting on an idle connection. */
  private lastHeard = 0;

  constructor(
    readonly host: string,
    readonly port: number,
    private readonly timeoutMs: number,
    private readonly tls: ConnectionOptions | null,
  ) {}

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

  close(): void {
    this.fail(new Error('connection closed'));
  }

  private send(kind: Pending['kind'], payload: string | Buffer): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const socket = this.socket ?? this.open();
      if (this.pending.length === 0) this.lastHeard = Date.now();
      this.pending.push({ kind, values: new Map(), resolve, reject });
      socket.write(payload);
      this.arm();
    });
  }

  private open(): Socket {
    const socket = this.tls
      ? tlsConnect({ ...this.tls, host: this.host, port: this.port, servername: this.tls.servername ?? this.host })
      : netConnect({ host: this.host, port: this.port });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('error', (e) => this.fail(e, socket));
    socket.on('close', () => this.fail(new Error(`memcached ${this.host}:${this.port} closed the connection`), socket));
    this.socket = socket;
    this.buf = Buffer.alloc(0);
    return socket;
  }

  /** Fails everything pending on `socket` (or the current one) and drops it. */
  private fail(e: Error, socket: Socket | null = this.socket): void {
    if (socket !== this.socket || !socket) return;
    this.socket = null;
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    socket.destroy();
    for (const p of this.pending.splice(0)) p.reject(e);
  }

  /**
   * Tears the connection down when the server has been silent for `timeoutMs`
   * while requests wait. Silence, not request age: under a CPU burst this
   * process reads replies late, and a busy event loop is not a dead server.
   * The check runs after one more I/O poll (setImmediate) for the same reason.
   */
  private arm(): void {
    if (this.watchdog || this.pending.length === 0) return;
    const wait = Math.max(1, this.lastHeard + this.timeoutMs - Date.now());
    const handle: NodeJS.Timeout = setTimeout(() => {
      setImmediate(() => {
        if (this.watchdog !== handle) return;
        this.watchdog = undefined;
        if (this.pending.length === 0) return;
        if (Date.now() - this.lastHeard >= this.timeoutMs) {
          this.fail(new Error(`memcached ${this.host}:${this.port} did not answer within ${this.timeoutMs} ms`));
        } else {
          this.arm();
        }
      });
    }, wait);
    handle.unref();
    this.watchdog = handle;
  }

  private onData(socket: Socket, chunk: Buffer): void {
    if (socket !== this.socket) return;
    this.lastHeard = Date.now();
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    try {
      while (this.pending.length > 0 && this.parseOne(this.pending[0])) {
        this.pending.shift();
      }
    } catch (e) {
      this.fail(e as Error);
      return;
    }
    if (this.pending.length === 0 && this.buf.length > 0) this.fail(new Error('memcached sent an unexpected reply'));
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
