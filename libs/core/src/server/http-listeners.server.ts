import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { ConfigurationError } from '@keystone-ts/plugin-sdk';
import type { TlsSettings } from './tls-files.loader';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ListenAddress {
  /** For messages: the options that chose this address. */
  label: string;
  host: string;
  port: number;
}

export interface ListenerOptions {
  addresses: readonly ListenAddress[];
  tls: TlsSettings | null;
  /** `[eventlet_server] client_socket_timeout`: idle seconds before a connection is dropped (0: never). */
  clientSocketTimeout: number;
  tcpKeepalive: boolean;
  tcpKeepidle: number;
}

/** Requests routed to one handler; a reload swaps handlers and waits for the old one to go quiet. */
interface Generation {
  handler: RequestHandler;
  inflight: number;
  quiet: (() => void)[];
}

/**
 * The public and admin sockets (HTTP or HTTPS), owned here rather than by
 * Fastify so that one process can drain them (SIGTERM) and swap the
 * application behind them (SIGHUP) without refusing a connection. Under
 * node:cluster the listen calls share the primary's sockets.
 */
export class HttpListeners {
  readonly urls: string[] = [];
  private readonly servers: Server[] = [];
  private readonly open = new Set<ServerResponse>();
  private readonly sockets = new Set<Socket>();
  /** Sockets that have carried at least one request, with how many responses each has open. */
  private readonly served = new Map<Socket, number>();
  /** Called when no request of any generation is in flight. */
  private readonly idle: (() => void)[] = [];
  private current: Generation;
  private draining = false;

  private constructor(handler: RequestHandler) {
    this.current = { handler, inflight: 0, quiet: [] };
  }

  static async listen(opts: ListenerOptions, handler: RequestHandler): Promise<HttpListeners> {
    const self = new HttpListeners(handler);
    try {
      for (const addr of opts.addresses) await self.listenOne(addr, opts);
    } catch (e) {
      await self.drain(1);
      throw e;
    }
    return self;
  }

  get inflight(): number {
    return this.open.size;
  }

  /** New TLS connections use these certificates (a reload with the same ports and TLS mode). */
  updateTls(tls: TlsSettings): void {
    const { cert, key, ca } = tls.options;
    for (const s of this.servers) {
      const secure = s as Server & { setSecureContext?: (o: object) => void };
      secure.setSecureContext?.({ cert, key, ca });
    }
  }

  /** Routes new requests to `handler`; resolves once the previous handler has nothing in flight (or after graceMs; 0 = no limit). */
  async swap(handler: RequestHandler, graceMs: number): Promise<boolean> {
    const old = this.current;
    this.current = { handler, inflight: 0, quiet: [] };
    if (old.inflight === 0) return true;
    return waitOrTimeout((done) => old.quiet.push(done), graceMs);
  }

  /**
   * Stops accepting connections, lets in-flight requests finish (answering
   * them with `Connection: close`), and after graceMs (0 = no limit) cuts
   * whatever is left. Resolves true when nothing had to be cut.
   */
  async drain(graceMs: number): Promise<boolean> {
    this.draining = true;
    for (const res of this.open) if (!res.headersSent) res.shouldKeepAlive = false;
    const closed = this.servers.map((s) => new Promise<void>((r) => s.close(() => r())));
    this.closeIdleServed();
    // A connection accepted just before the close may not have sent its request yet:
    // it is served (with Connection: close), not dropped.
    await pollUntil(() => [...this.sockets].every((sk) => this.served.has(sk)), Math.min(graceMs > 0 ? graceMs : 1000, 1000));
    const clean = this.open.size === 0 || (await waitOrTimeout((done) => this.idle.push(done), graceMs));
    for (const s of this.servers) s.closeAllConnections();
    // Sockets HTTP does not track yet (a TLS handshake in progress) would keep close() waiting.
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(closed);
    return clean;
  }

  /** Kept-alive connections with no response in progress; never one still waiting for its first request. */
  private closeIdleServed(): void {
    for (const [socket, open] of this.served) if (open === 0) socket.destroy();
  }

  private async listenOne(addr: ListenAddress, opts: ListenerOptions): Promise<void> {
    const route = (req: IncomingMessage, res: ServerResponse) => this.route(req, res, server);
    const server = opts.tls ? createHttpsServer(opts.tls.options, route) : createHttpServer(route);
    if (opts.clientSocketTimeout > 0) server.setTimeout(opts.clientSocketTimeout * 1000);
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
      if (opts.tcpKeepalive) s.setKeepAlive(true, opts.tcpKeepidle * 1000);
    });
    await new Promise<void>((resolve, reject) => {
      // The operator's to fix (port taken, address not local): one line naming the options.
      const onError = (e: NodeJS.ErrnoException) =>
        reject(new ConfigurationError(`cannot listen on ${addr.host}:${addr.port} (${addr.label}): ${e.code ?? e.message}`));
      server.once('error', onError);
      server.listen({ host: addr.host, port: addr.port }, () => {
        server.off('error', onError);
        resolve();
      });
    });
    this.servers.push(server);
    const a = server.address();
    const port = a && typeof a === 'object' ? a.port : addr.port;
    const host = addr.host.includes(':') ? `[${addr.host}]` : addr.host;
    this.urls.push(`${opts.tls ? 'https' : 'http'}://${host}:${port}`);
  }

  private route(req: IncomingMessage, res: ServerResponse, server: Server): void {
    const gen = this.current;
    gen.inflight++;
    this.open.add(res);
    const socket = req.socket;
    if (!this.served.has(socket)) socket.once('close', () => this.served.delete(socket));
    this.served.set(socket, (this.served.get(socket) ?? 0) + 1);
    if (this.draining) res.shouldKeepAlive = false;
    res.once('close', () => {
      this.open.delete(res);
      if (this.served.has(socket)) this.served.set(socket, (this.served.get(socket) ?? 1) - 1);
      gen.inflight--;
      // A kept-alive socket whose response had already started goes idle now: close it.
      if (this.draining) setImmediate(() => this.closeIdleServed());
      if (gen.inflight === 0) for (const f of gen.quiet.splice(0)) f();
      if (this.open.size === 0) for (const f of this.idle.splice(0)) f();
    });
    gen.handler(req, res);
  }
}

function waitOrTimeout(register: (done: () => void) => unknown, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    register(() => {
      if (timer) clearTimeout(timer);
      resolve(true);
    });
    if (ms > 0) timer = setTimeout(() => resolve(false), ms);
  });
}

/** Resolves when `done()` holds or after `ms`, checking every 20 ms. */
async function pollUntil(done: () => boolean, ms: number): Promise<void> {
  for (const deadline = Date.now() + ms; !done() && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
}
