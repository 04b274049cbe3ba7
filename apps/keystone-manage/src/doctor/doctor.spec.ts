import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootKeystone } from '@keystone-ts/server';
import { setup } from '@keystone-ts/plugin-token-fernet';
import { doctorCommand } from '../commands/doctor.command';

describe('keystone-manage doctor', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ks-doctor-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function doctor(conf: string): Promise<{ code: number; text: string }> {
    const file = join(dir, 'keystone.conf');
    writeFileSync(file, conf);
    const lines: string[] = [];
    const code = await doctorCommand.run({ runtime: bootKeystone(['--config-file', file]), flags: {}, out: (l) => lines.push(l), err: (l) => lines.push(l) });
    return { code, text: lines.join('\n') };
  }

  async function healthyConf(extra = ''): Promise<string> {
    const fernet = join(dir, 'fernet-keys');
    const credential = join(dir, 'credential-keys');
    await setup(fernet);
    await setup(credential);
    const memcached = await listening();
    servers.push(memcached);
    const port = (memcached.address() as { port: number }).port;
    return [
      '[DEFAULT]', 'max_token_size = 255',
      '[database]', 'connection = postgresql://ks:secret@127.0.0.1/keystone',
      '[cache]', 'enabled = true', 'backend = dogpile.cache.memcached', `memcache_servers = 127.0.0.1:${port}`,
      '[fernet_tokens]', `key_repository = ${fernet}`,
      '[credential]', `key_repository = ${credential}`,
      extra,
    ].join('\n');
  }

  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((s) => s.close()));

  it('finds nothing in a sound production configuration: exit 0', async () => {
    const r = await doctor(await healthyConf());
    expect(r).toEqual({ code: 0, text: '' });
  });

  it("reports Keystone's symptoms with their advice, exit 1", async () => {
    const r = await doctor(
      [
        '[DEFAULT]', 'debug = true', 'max_token_size = 1024',
        '[cache]', 'enabled = false',
        '[fernet_tokens]', `key_repository = ${join(dir, 'missing')}`,
        '[credential]', `key_repository = ${join(dir, 'missing')}`,
        '[security_compliance]', 'password_regex = ([a-z', 'minimum_password_age = 10', 'password_expires_days = 5',
      ].join('\n'),
    );
    expect(r.code).toBe(1);
    for (const title of [
      'WARNING: `keystone.conf [cache] enabled` is not enabled.',
      'WARNING: Key repositories for encryption should be unique.',
      'WARNING: Fernet key repository is not setup correctly.',
      'WARNING: Fernet key repository is empty.',
      'WARNING: Credential key repository is empty.',
      'WARNING: `keystone.conf [DEFAULT] max_token_size` should be adjusted.',
      'WARNING: Debug mode should be set to False.',
      'WARNING: Invalid password regular expression.',
      'WARNING: Password regular expression description is not set.',
      'WARNING: Minimum password age should be less than the password expires days.',
    ]) {
      expect(r.text).toContain(title);
    }
    // With debug on, it says what it checks.
    expect(r.text).toContain('Checking for connection to memcached...');
  });

  it('finds an unreachable memcached server and a bad domain config directory', async () => {
    const domains = join(dir, 'domains');
    mkdirSync(domains);
    writeFileSync(join(domains, 'notes.txt'), 'not a config');
    writeFileSync(join(domains, 'keystone.broken.conf'), 'no section header\n');
    const dead = await listening();
    const port = (dead.address() as { port: number }).port;
    await new Promise((r) => dead.close(r));
    const r = await doctor(
      (await healthyConf()).replace(/memcache_servers = .*/, `memcache_servers = 127.0.0.1:${port}`) +
        `\n[identity]\ndomain_specific_drivers_enabled = true\ndomain_config_dir = ${domains}\n`,
    );
    expect(r.code).toBe(1);
    expect(r.text).toContain("WARNING: Memcached isn't reachable.");
    expect(r.text).toContain('WARNING: Domain specific driver directory is invalid or contains invalid files.');
    expect(r.text).toContain('WARNING: LDAP domain specific configuration files are not formatted correctly.');
  });
});

function listening(): Promise<Server> {
  return new Promise((resolve) => {
    const s = createServer((c) => c.destroy());
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}
