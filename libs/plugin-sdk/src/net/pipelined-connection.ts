import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';

/** A request waiting for its reply, in send order. */
export interface PendingReply {
  reject(e: Error): void;
}

/**
 * One pipelined TCP (or TLS) connection to one server of a request/reply
 * protocol answered in order (memcached, Redis, ...), for backend plugins.
 * Requests are written at once (Node buffers them until the socket
 * connects). It never retries and never waits for a dead server: a refused
 * or broken connection fails every pending request and the next request
 * opens a new one; a server silent for `timeoutMs` while requests wait loses
 * its connection, so requests cannot pile up behind it.
 *
 * Subclasses frame requests (`enqueue`) and parse replies (`consume`).
 */
export abstract class PipelinedConnection<P extends PendingReply> {
  /** Bytes received and not consumed yet. */
  protected buf: Buffer = Buffer.alloc(0);
  /** Requests sent and not answered yet, oldest first. */
  protected readonly pending: P[] = [];
  private socket: Socket | null = null;
  /** Writes wait for the end of this event-loop turn, so concurrent requests share one syscall. */
  private corked = false;
  private watchdog: NodeJS.Timeout | undefined;
  /** Last time the server sent bytes, or a request started waiting on an idle connection. */
  private lastHeard = 0;

  constructor(
    readonly host: string,
    readonly port: number,
    private readonly timeoutMs: number,
    private readonly tls: ConnectionOptions | null,
    /** Names the server in errors ("memcached", "redis"). */
    private readonly label: string,
  ) {}

  close(): void {
    this.fail(new Error('connection closed'));
  }

  /**
   * Parses as many complete replies from `buf` as there are, settling and
   * removing their `pending` entries. Throwing fails the connection (the
   * stream is out of step).
   */
  protected abstract consume(): void;

  /** Called on each new connection before any request is written (handshakes). */
  protected onOpen(): void {}

  /** Sends one request; its reply settles `p`. Opens the connection if there is none. */
  protected enqueue(p: P, payload: string | Buffer): void {
    if (!this.socket) this.open();
    if (this.pending.length === 0) this.lastHeard = Date.now();
    this.pending.push(p);
    const socket = this.socket!;
    if (!this.corked) {
      this.corked = true;
      socket.cork();
      setImmediate(() => {
        this.corked = false;
        socket.uncork();
      });
    }
    socket.write(payload);
    this.arm();
  }

  /** Fails everything pending on `socket` (or the current one) and drops it. */
  protected fail(e: Error, socket: Socket | null = this.socket): void {
    if (socket !== this.socket || !socket) return;
    this.socket = null;
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    socket.destroy();
    for (const p of this.pending.splice(0)) p.reject(e);
  }

  private open(): void {
    const socket = this.tls
      ? tlsConnect({ ...this.tls, host: this.host, port: this.port, servername: this.tls.servername ?? this.host })
      : netConnect({ host: this.host, port: this.port });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('error', (e) => this.fail(e, socket));
    socket.on('close', () => this.fail(new Error(`${this.label} ${this.host}:${this.port} closed the connection`), socket));
    this.socket = socket;
    this.buf = Buffer.alloc(0);
    this.onOpen();
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
          this.fail(new Error(`${this.label} ${this.host}:${this.port} did not answer within ${this.timeoutMs} ms`));
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
      this.consume();
    } catch (e) {
      this.fail(e as Error);
      return;
    }
    if (this.pending.length === 0) {
      clearTimeout(this.watchdog);
      this.watchdog = undefined;
    }
  }
}
