import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json<T = any>(): T;
  /** The worker that answered (`x-keystone-worker`, sent when `[DEFAULT] debug = true`). */
  worker: number;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** HTTPS client material (PEM). */
  tls?: { ca: Buffer; cert?: Buffer; key?: Buffer };
  timeoutMs?: number;
}

/**
 * One request on a new TCP connection (no agent, no keep-alive), so that
 * consecutive requests are handed to different cluster workers.
 */
export function send(url: string, opts: SendOptions = {}): Promise<Reply> {
  const { req, reply } = open(url, opts);
  req.end(opts.body === undefined ? undefined : JSON.stringify(opts.body));
  return reply;
}

/** Starts a request whose body is written by the caller (a slow, chunked upload). */
export function open(url: string, opts: SendOptions = {}): { req: ClientRequest; reply: Promise<Reply> } {
  const u = new URL(url);
  const make = u.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers: Record<string, string> = { connection: 'close', ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers };
  let req!: ClientRequest;
  const reply = new Promise<Reply>((resolve, reject) => {
    req = make(
      u,
      { method: opts.method ?? 'GET', headers, agent: false, timeout: opts.timeoutMs ?? 15_000, ...(opts.tls ?? {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body), worker: Number(res.headers['x-keystone-worker'] ?? 0) });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`request to ${url} timed out`)));
    req.on('error', reject);
  });
  return { req, reply };
}

export function passwordAuth(user: string, password: string, project?: string) {
  return {
    auth: {
      identity: { methods: ['password'], password: { user: { name: user, domain: { id: 'default' }, password } } },
      ...(project ? { scope: { project: { name: project, domain: { id: 'default' } } } } : {}),
    },
  };
}

/** Issues a project-scoped token by password; returns its id. */
export async function issueToken(base: string, user: string, password: string, project = 'admin', tls?: SendOptions['tls']): Promise<string> {
  const r = await send(`${base}/v3/auth/tokens`, { method: 'POST', body: passwordAuth(user, password, project), tls });
  if (r.status !== 201) throw new Error(`token for ${user}: ${r.status} ${r.body}`);
  return r.headers['x-subject-token'] as string;
}
