import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigurationError } from '@keystone-ts/plugin-sdk';
import { parseConnectionUrl, redact } from './connection-url';

function failure(url: string): string {
  try {
    parseConnectionUrl(url, '/var/lib/keystone');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

describe('parseConnectionUrl', () => {
  it('defaults to SQLite in $state_path when unset', () => {
    expect(parseConnectionUrl(null, '/srv/ks')).toEqual({ dialect: 'sqlite', filename: '/srv/ks/keystone.db' });
    expect(parseConnectionUrl('', '/srv/ks')).toEqual({ dialect: 'sqlite', filename: '/srv/ks/keystone.db' });
  });

  it('reads SQLAlchemy sqlite URLs: four slashes absolute, three relative, none in memory', () => {
    expect(parseConnectionUrl('sqlite:////var/lib/keystone/keystone.db', '/x')).toEqual({ dialect: 'sqlite', filename: '/var/lib/keystone/keystone.db' });
    expect(parseConnectionUrl('sqlite:///keystone.db', '/x')).toEqual({ dialect: 'sqlite', filename: join(process.cwd(), 'keystone.db') });
    expect(parseConnectionUrl('sqlite:///data/k.db?mode=ro', '/x')).toEqual({ dialect: 'sqlite', filename: join(process.cwd(), 'data/k.db') });
    expect(parseConnectionUrl('sqlite://', '/x')).toEqual({ dialect: 'sqlite', filename: ':memory:' });
    expect(parseConnectionUrl('sqlite:///:memory:', '/x')).toEqual({ dialect: 'sqlite', filename: ':memory:' });
    expect(parseConnectionUrl('sqlite:////tmp/a%20b.db', '/x')).toEqual({ dialect: 'sqlite', filename: '/tmp/a%20b.db' });
  });

  it('reads postgresql URLs with a driver suffix, port and socket directory', () => {
    expect(parseConnectionUrl('postgresql+psycopg2://keystone:secret@db.example:5432/keystone', '/x')).toEqual({
      dialect: 'postgresql', host: 'db.example', port: 5432, user: 'keystone', password: 'secret', database: 'keystone',
    });
    expect(parseConnectionUrl('postgresql://u:p@h:5432/db?host=/var/run/postgresql', '/x')).toMatchObject({ host: '/var/run/postgresql', port: 5432 });
    expect(parseConnectionUrl('postgresql:///ks?host=/sock&port=5433', '/x')).toEqual({
      dialect: 'postgresql', host: '/sock', port: 5433, user: undefined, password: undefined, database: 'ks',
    });
    expect(parseConnectionUrl('postgresql://u@[::1]:5433/db', '/x')).toMatchObject({ host: '::1', port: 5433, user: 'u' });
  });

  it('splits passwords as SQLAlchemy does: %-escapes decoded, / # : allowed, up to the first @', () => {
    expect(parseConnectionUrl('postgresql://u:p%40ss@h/db', '/x')).toMatchObject({ password: 'p@ss', host: 'h' });
    expect(parseConnectionUrl('postgresql://u:p/ss#x:y@h/db', '/x')).toMatchObject({ password: 'p/ss#x:y', host: 'h' });
  });

  it('refuses MySQL with a clear message that hides the password', () => {
    for (const url of ['mysql+pymysql://keystone:Sup3rS3cret@db/keystone?charset=utf8', 'mysql://keystone:Sup3rS3cret@db/keystone']) {
      const msg = failure(url);
      expect(msg).toMatch(/^\[database\] connection: MySQL\/MariaDB is not supported by keystone-ts; use postgresql:\/\/ or sqlite:\/\//);
      expect(msg).toContain('keystone:****@db/keystone');
      expect(msg).not.toContain('Sup3rS3cret');
    }
  });

  it('refuses other databases and junk without leaking the password', () => {
    expect(failure('oracle://scott:tiger@h/orcl')).toBe("[database] connection: unsupported database 'oracle' in 'oracle://scott:****@h/orcl'");
    expect(failure('not a url')).toBe("[database] connection: cannot parse 'not a url' as a database URL");
    const badPort = failure('postgresql://u:hunter2@h:port/db');
    expect(badPort).toContain("invalid port 'port'");
    expect(badPort).not.toContain('hunter2');
  });

  it('masks the whole password in messages, even with an unescaped @ in it', () => {
    expect(redact('postgresql://u:p@ss@h/db')).toBe('postgresql://u:****@h/db');
    expect(redact('postgresql://h:5432/db')).toBe('postgresql://h:5432/db');
    expect(redact('sqlite:////var/lib/keystone/keystone.db')).toBe('sqlite:////var/lib/keystone/keystone.db');
    expect(failure('mysql://u:p@ss@h/db')).not.toContain('ss');
  });
});

const haveSqlAlchemy = spawnSync('/usr/bin/python3', ['-c', 'import sqlalchemy'], { stdio: 'ignore' }).status === 0;

(haveSqlAlchemy ? describe : describe.skip)('parseConnectionUrl agrees with SQLAlchemy make_url', () => {
  const urls = [
    'postgresql+psycopg2://keystone:secret@db.example:5432/keystone',
    'postgresql://u:p%40ss@h/db',
    'postgresql://u:p/ss@h/db',
    'postgresql://u:p#x@h/db',
    'postgresql://u:p:q@h/db',
    'postgresql://u@[::1]:5433/db',
    'postgresql://h/db',
    'postgresql://u:@h/db',
    'sqlite:////abs/k.db',
    'sqlite:///rel/k.db',
  ];

  it('splits user, password, host, port and database the same way', () => {
    const script =
      'import json,sys\nfrom sqlalchemy.engine import make_url\nout=[]\n' +
      'for u in json.load(sys.stdin):\n x=make_url(u); out.append([x.username,x.password,x.host,x.port,x.database])\n' +
      'print(json.dumps(out))';
    const theirs = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(urls), encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] }),
    ) as (string | number | null)[][];
    const ours = urls.map((u) => {
      const t = parseConnectionUrl(u, '/x');
      if (t.dialect === 'sqlite') return [null, null, null, null, u.startsWith('sqlite:////') ? t.filename : t.filename.slice(process.cwd().length + 1)];
      return [t.user ?? null, t.password ?? null, t.host ?? null, t.port ?? null, t.database];
    });
    expect(ours).toEqual(theirs);
  });
});
