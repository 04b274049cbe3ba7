import { isAbsolute, join } from 'node:path';
import { ConfigurationError } from '@keystone-ts/plugin-sdk';

export type DatabaseTarget =
  | { dialect: 'sqlite'; filename: string }
  | { dialect: 'postgresql'; host?: string; port?: number; user?: string; password?: string; database: string };

/**
 * Reads Keystone's SQLAlchemy URLs unchanged: `sqlite:////abs/path.db`,
 * `sqlite:///relative.db`, `sqlite://` (memory), `postgresql[+driver]://
 * user:pass@host:port/db?host=/socket/dir&port=N`. MySQL is refused with a
 * clear reason rather than half-working.
 */
export function parseConnectionUrl(url: string | null, statePath: string): DatabaseTarget {
  if (!url) {
    return { dialect: 'sqlite', filename: join(statePath, 'keystone.db') };
  }
  const m = SQLALCHEMY_URL.exec(url);
  if (!m?.groups) {
    throw new ConfigurationError(`[database] connection: cannot parse '${redact(url)}' as a database URL`);
  }
  const g = m.groups;
  const kind = g.name.split('+')[0].toLowerCase();
  if (kind === 'sqlite') {
    // SQLAlchemy: sqlite:///rel → "rel", sqlite:////abs → "/abs", sqlite:// or sqlite:///:memory: → memory.
    const path = g.database ?? '';
    if (path === '' || path === ':memory:') return { dialect: 'sqlite', filename: ':memory:' };
    return { dialect: 'sqlite', filename: isAbsolute(path) ? path : join(process.cwd(), path) };
  }
  if (kind === 'postgresql' || kind === 'postgres') {
    // Query arguments go to libpq as SQLAlchemy passes them: ?host=/socket/dir overrides the host.
    const query = new URLSearchParams(g.query ?? '');
    const port = query.get('port') ?? (g.port || null);
    if (port !== null && !/^\d+$/.test(port)) {
      throw new ConfigurationError(`[database] connection: invalid port '${port}' in '${redact(url)}'`);
    }
    return {
      dialect: 'postgresql',
      host: query.get('host') ?? (g.ipv4host || g.ipv6host || undefined),
      port: port !== null ? Number(port) : undefined,
      user: g.username ? unquote(g.username) : undefined,
      password: g.password !== undefined ? unquote(g.password) : undefined,
      database: g.database || 'keystone',
    };
  }
  if (kind === 'mysql' || kind === 'mariadb') {
    throw new ConfigurationError(
      `[database] connection: MySQL/MariaDB is not supported by keystone-ts; use postgresql:// or sqlite:// (got '${redact(url)}')`,
    );
  }
  throw new ConfigurationError(`[database] connection: unsupported database '${kind}' in '${redact(url)}'`);
}

/** SQLAlchemy 1.4's `_parse_url` pattern, so every URL Keystone accepts splits the same way (password: up to the first '@'). */
const SQLALCHEMY_URL =
  /^(?<name>[\w+]+):\/\/(?:(?<username>[^:/]*)(?::(?<password>[^@]*))?@)?(?:(?:\[(?<ipv6host>[^/?]+)\]|(?<ipv4host>[^/:?]+))?(?::(?<port>[^/?]*))?)?(?:\/(?<database>[^?]*))?(?:\?(?<query>.*))?$/s;

/** Python's urllib unquote: %XX decoded, a malformed escape left as is. */
function unquote(s: string): string {
  return s.replace(/(%[0-9a-fA-F]{2})+/g, (seq) => {
    try {
      return decodeURIComponent(seq);
    } catch {
      return seq;
    }
  });
}

/**
 * The URL with its password masked, for messages: everything from the ':'
 * after the user name to the last '@', so even an unescaped '@' in the
 * password (which SQLAlchemy would misread) does not leak part of it.
 */
export function redact(url: string): string {
  const m = /^[\w+]+:\/\/[^:/@]*:/.exec(url);
  const at = url.lastIndexOf('@');
  return m && at >= m[0].length ? `${m[0]}****${url.slice(at)}` : url;
}
