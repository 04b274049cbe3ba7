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
  const scheme = /^([a-z0-9]+)(?:\+[a-z0-9_]+)?:\/\//i.exec(url);
  if (!scheme) {
    throw new ConfigurationError(`[database] connection: cannot parse '${redact(url)}' as a database URL`);
  }
  const kind = scheme[1].toLowerCase();
  if (kind === 'sqlite') {
    const rest = url.slice(scheme[0].length);
    if (rest === '' || rest === '/' || rest === '/:memory:') return { dialect: 'sqlite', filename: ':memory:' };
    // sqlite:///rel → "rel"; sqlite:////abs → "/abs" (SQLAlchemy's rule: strip one slash).
    const path = decodeURIComponent(rest.slice(1).split('?')[0]);
    return { dialect: 'sqlite', filename: isAbsolute(path) ? path : join(process.cwd(), path) };
  }
  if (kind === 'postgresql' || kind === 'postgres') {
    const u = new URL(url.replace(/^[^:]+:/, 'postgres:'));
    const socketHost = u.searchParams.get('host');
    const port = u.searchParams.get('port') ?? u.port;
    return {
      dialect: 'postgresql',
      host: socketHost ?? (u.hostname || undefined),
      port: port ? Number(port) : undefined,
      user: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
      database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'keystone',
    };
  }
  if (kind === 'mysql' || kind === 'mariadb') {
    throw new ConfigurationError(
      `[database] connection: MySQL/MariaDB is not supported by keystone-ts; use postgresql:// or sqlite:// (got '${redact(url)}')`,
    );
  }
  throw new ConfigurationError(`[database] connection: unsupported database '${kind}' in '${redact(url)}'`);
}

/** The URL with its password masked, for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1****@');
}
