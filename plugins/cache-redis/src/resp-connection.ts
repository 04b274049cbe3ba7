import type { ConnectionOptions } from 'node:tls';
import { PipelinedConnection } from '@keystone-ts/plugin-sdk';

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

/** One pipelined RESP2 connection to one Redis server (framing and failure rules: PipelinedConnection). */
export class RespConnection extends PipelinedConnection<Pending> {
  constructor(
    host: string,
    port: number,
    timeoutMs: number,
    tls: ConnectionOptions | null,
    /** Sent first on every new connection (AUTH, SELECT). */
    private readonly handshake: readonly (readonly string[])[] = [],
  ) {
    super(host, port, timeoutMs, tls, 'redis');
  }

  command(args: readonly string[]): Promise<RespValue> {
    return new Promise((resolve, reject) => this.enqueue({ fatal: false, resolve, reject }, encode(args)));
  }

  protected override onOpen(): void {
    for (const cmd of this.handshake) this.enqueue({ fatal: true, resolve: () => undefined, reject: () => undefined }, encode(cmd));
  }

  protected consume(): void {
    for (;;) {
      const parsed = parse(this.buf, 0);
      if (!parsed) return;
      this.buf = this.buf.subarray(parsed.next);
      const p = this.pending.shift();
      if (!p) throw new Error('redis sent an unexpected reply');
      if (parsed.value instanceof RespError) {
        p.reject(parsed.value);
        // A failed AUTH/SELECT, or a demoted master refusing writes: this server will not do.
        if (p.fatal || /^(READONLY|NOAUTH|WRONGPASS|LOADING|MASTERDOWN)/.test(parsed.value.message)) throw parsed.value;
      } else {
        p.resolve(parsed.value);
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
