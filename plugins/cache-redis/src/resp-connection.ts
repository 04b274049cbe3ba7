import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';

export type RespValue = string | number | null | RespValue[];

/** An error reply (`-ERR ...`): the call failed, the connection is fine. */
export class RespError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RespError';
  }
}

interface Pending {
  /** Handshake replies (AUTH, SELECT) that fail must take the connection down. */
  fatal: boolean;
  resolve(v: RespValue): void;
  reject(e: Error): void;
}

const CRLF = Buffer.from('\r\n');

/**
 * One pipelined RESP2 connection to one Redis server. Same rules as the
 * memcached one: no retries, no offline queue (a refused or broken
 * connection fails what is pending and the next call reconnects), and a
 * server silent for `timeoutMs` loses its connection.
 */
export class RespConnection {
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
    /** Sent first on every new connection (AUTH, SELECT). */
    private readonly handshake: readonly (readonly string[])[] = [],
  ) {}

  command(args: readonly string[]): Promise<RespValue> {
    return new Promise((resolve, reject) => {
      if (!this.socket) this.open();
      this.push(args, { fatal: false, resolve, reject });
    });
  }

  close(): void {
    this.fail(new Error('connection closed'));
  }

  private push(args: readonly string[], p: Pending): void {
    if (this.pending.length === 0) this.lastHeard = Date.now();
    this.pending.push(p);
    this.socket!.write(encode(args));
    this.arm();
  }

  private open(): void {
    const socket = this.tls
      ? tlsConnect({ ...this.tls, host: this.host, port: this.port, servername: this.tls.servername ?? this.host })
      : netConnect({ host: this.host, port: this.port });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('error', (e) => this.fail(e, socket));
    socket.on('close', () => this.fail(new Error(`redis ${this.host}:${this.port} closed the connection`), socket));
    this.socket = socket;
    this.buf = Buffer.alloc(0);
    for (const cmd of this.handshake) this.push(cmd, { fatal: true, resolve: () => undefined, reject: () => undefined });
  }

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
          this.fail(new Error(`redis ${this.host}:${this.port} did not answer within ${this.timeoutMs} ms`));
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
    for (;;) {
      let parsed: { value: RespValue | RespError; next: number } | undefined;
      try {
        parsed = parse(this.buf, 0);
      } catch (e) {
        this.fail(e as Error);
        return;
      }
      if (!parsed) return;
      this.buf = this.buf.subarray(parsed.next);
      const p = this.pending.shift();
      if (!p) {
        this.fail(new Error('redis sent an unexpected reply'));
        return;
      }
      if (parsed.value instanceof RespError) {
        // A failed AUTH/SELECT, or a demoted master refusing writes: this server will not do.
        if (p.fatal || /^(READONLY|NOAUTH|WRONGPASS|LOADING|MASTERDOWN)/.test(parsed.value.message)) {
          p.reject(parsed.value);
          this.fail(parsed.value);
          return;
        }
        p.reject(parsed.value);
      } else {
        p.resolve(parsed.value);
      }
      if (this.pending.length === 0) {
        clearTimeout(this.watchdog);
        this.watchdog = undefined;
      }
    }
  }
}

function encode(args: readonly string[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = Buffer.from(a, 'utf8');
    parts.push(Buffer.from(`$${b.length}\r\n`), b, CRLF);
  }
  return Buffer.concat(parts);
}

/** One complete reply at `at`, or undefined when more bytes are needed. */
function parse(buf: Buffer, at: number): { value: RespValue | RespError; next: number } | undefined {
  const eol = buf.indexOf(CRLF, at);
  if (eol < 0) return undefined;
  const line = buf.toString('utf8', at + 1, eol);
  switch (buf[at]) {
    case 0x2b: // +
      return { value: line, next: eol + 2 };
    case 0x2d: // -
      return { value: new RespError(line), next: eol + 2 };
    case 0x3a: // :
      return { value: Number(line), next: eol + 2 };
    case 0x24: {
      // $
      const len = Number(line);
      if (len < 0) return { value: null, next: eol + 2 };
      if (buf.length < eol + 2 + len + 2) return undefined;
      return { value: buf.toString('utf8', eol + 2, eol + 2 + len), next: eol + 2 + len + 2 };
    }
    case 0x2a: {
      // *
      const count = Number(line);
      if (count < 0) return { value: null, next: eol + 2 };
      const items: RespValue[] = [];
      let next = eol + 2;
      for (let i = 0; i < count; i++) {
        const item = parse(buf, next);
        if (!item) return undefined;
        if (item.value instanceof RespError) throw item.value;
        items.push(item.value);
        next = item.next;
      }
      return { value: items, next };
    }
    default:
      throw new Error(`redis: unexpected reply type '${String.fromCharCode(buf[at])}'`);
  }
}
