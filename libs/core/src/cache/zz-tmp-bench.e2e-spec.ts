import { startTestServer, type TestServer } from '../../../../test/support/e2e-server';
import { CacheServer } from './testing/cache-servers';
import { wireCacheIntoTestServer } from './testing/cache-wiring';
import { TokenManager } from '@keystone-ts/token';
wireCacheIntoTestServer();
async function bench(server: TestServer, label: string) {
  const msgs: string[] = [];
  try { const { CacheRegions } = require('./cache-regions'); const g = (server.app.get(CacheRegions) as any).guard; if (g) g.opts.logger = { debug: (m: string) => msgs.push(m), info: (m: string) => msgs.push(m), warn: (m: string) => msgs.push(m), error: (m: string) => msgs.push(m) }; } catch {}
  (global as any).benchMsgs = msgs;
  const t = await server.token('admin', server.adminPassword, 'admin');
  const h = { 'x-auth-token': t, 'x-subject-token': t };
  for (let i = 0; i < 20; i++) await server.request({ method: 'GET', url: '/v3/auth/tokens?nocatalog', headers: h });
  let t0 = performance.now();
  for (let i = 0; i < 300; i++) await server.request({ method: 'GET', url: '/v3/auth/tokens?nocatalog', headers: h });
  const http = (performance.now() - t0) / 300;
  const tm = server.app.get(TokenManager);
  t0 = performance.now();
  for (let i = 0; i < 300; i++) await tm.validate(t);
  const mgr = (performance.now() - t0) / 300;
  t0 = performance.now();
  await Promise.all(Array.from({ length: 300 }, () => server.request({ method: 'GET', url: '/v3/auth/tokens?nocatalog', headers: h })));
  const par = (performance.now() - t0) / 300;
  try { const { CacheRegions } = require('./cache-regions'); process.stdout.write(JSON.stringify(server.app.get(CacheRegions).health()) + '\n'); } catch (e) { process.stdout.write(String(e)); }
  const counts: Record<string, number> = {}; for (const m of msgs) counts[m.slice(0, 120)] = (counts[m.slice(0, 120)] ?? 0) + 1; process.stdout.write(JSON.stringify(counts, null, 1) + '\n');
  process.stdout.write(`${label}: http ${http.toFixed(2)} ms/req, manager ${mgr.toFixed(2)} ms, 300 parallel ${par.toFixed(2)} ms/req\n`);
}
it('bench', async () => {
  const none = await startTestServer({});
  await bench(none, 'no cache');
  await none.close();
  const mc = await CacheServer.start('memcached');
  const s = await startTestServer({ extraConfig: `[cache]\nbackend = dogpile.cache.memcached\nmemcache_servers = ${mc.address}\n` });
  await bench(s, 'memcached');
  await s.close(); await mc.stop();
  const mem = await startTestServer({ extraConfig: `[cache]\nbackend = dogpile.cache.memory\n` });
  await bench(mem, 'memory');
  await mem.close();
});
