import { connect } from 'node:net';
import { option, type Symptom } from './symptom';

const MEMCACHED_BACKENDS = ['dogpile.cache.memcached', 'oslo_cache.memcache_pool', 'dogpile.cache.pymemcache', 'dogpile.cache.bmemcached'];

export const cachingSymptoms: Symptom[] = [
  {
    name: 'caching_disabled',
    title: '`keystone.conf [cache] enabled` is not enabled.',
    advice: 'Caching greatly improves the performance of keystone-ts (a warm token validation runs no SQL); enable it.',
    present: (c) => option<boolean>(c, 'cache', 'enabled') === false,
  },
  {
    name: 'caching_enabled_without_a_backend',
    title: 'Caching is not completely configured.',
    advice: '`[cache] enabled` is true but `[cache] backend` is still the no-op backend. Point it at memcached or Redis.',
    present: (c) => option<boolean>(c, 'cache', 'enabled') === true && option<string>(c, 'cache', 'backend') === 'dogpile.cache.null',
  },
  {
    name: 'connection_to_memcached',
    title: "Memcached isn't reachable.",
    advice: 'Caching uses memcached but one or more `[cache] memcache_servers` do not accept connections. Check the list and the servers.',
    async present(c) {
      if (option<boolean>(c, 'cache', 'enabled') !== true || !MEMCACHED_BACKENDS.includes(option<string>(c, 'cache', 'backend') ?? '')) return false;
      const servers = option<string[]>(c, 'cache', 'memcache_servers') ?? [];
      const reachable = await Promise.all(servers.map((s) => canConnect(s)));
      return reachable.some((ok) => !ok);
    },
  },
];

/** "host:port", "inet6:[::1]:port" or "unix:/path". */
function canConnect(server: string, timeoutMs = 2000): Promise<boolean> {
  const spec = server.replace(/^inet6?:/, '');
  const target = spec.startsWith('unix:')
    ? { path: spec.slice(5) }
    : (() => {
        const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(spec);
        return m ? { host: m[1], port: Number(m[2]) } : { host: spec, port: 11211 };
      })();
  return new Promise((resolve) => {
    const socket = connect(target as never);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
