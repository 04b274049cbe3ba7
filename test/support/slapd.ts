import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'ldapts';

const SCRIPT = resolve(__dirname, '../../scripts/services/slapd.sh');

export const LDAP_SUFFIX = 'dc=example,dc=org';
export const LDAP_ADMIN_DN = `cn=admin,${LDAP_SUFFIX}`;
export const LDAP_ADMIN_PASSWORD = 'ldap-root-secret';

export interface TestSlapd {
  url: string;
  port: number;
  dir: string;
  /** Adds entries as the rootdn (attribute values as strings or lists). */
  add(entries: { dn: string; attributes: Record<string, string | string[]> }[]): Promise<void>;
  /** Stops the server, keeping its data (for outage tests). */
  stop(): void;
  /** Starts it again on the same port with the same data. */
  start(): void;
  /** Stops it and removes its directory. */
  close(): void;
}

function run(args: string[]): string {
  return execFileSync('bash', [SCRIPT, ...args], { encoding: 'utf8', env: { ...process.env, SLAPD_ROOTPW: LDAP_ADMIN_PASSWORD }, timeout: 30_000 }).trim();
}

/** A private slapd (scripts/services/slapd.sh) on a free loopback port, suffix dc=example,dc=org. */
export async function startSlapd(): Promise<TestSlapd> {
  const dir = mkdtempSync(join(tmpdir(), 'keystone-ts-slapd-'));
  const url = run(['start', dir]).split('\n').pop()!;
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    dir,
    add: async (entries) => {
      const client = new Client({ url, strictDN: false });
      try {
        await client.bind(LDAP_ADMIN_DN, LDAP_ADMIN_PASSWORD);
        for (const e of entries) await client.add(e.dn, e.attributes);
      } finally {
        await client.unbind();
      }
    },
    stop: () => void run(['stop', dir]),
    start: () => void run(['start', dir, String(port)]),
    close: () => {
      run(['stop', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const USERS = `ou=Users,${LDAP_SUFFIX}`;
const GROUPS = `ou=UserGroups,${LDAP_SUFFIX}`;
export const userDn = (cn: string) => `cn=${cn},${USERS}`;
export const groupDn = (cn: string) => `cn=${cn},${GROUPS}`;

/**
 * The directory the LDAP e2e tests share:
 * - users (cn = ID, sn = name): admin, alice (enabled everywhere), bob (disabled by
 *   employeeType, employeeNumber mask and emulation), carol (a name full of filter
 *   metacharacters, in no enabled-users group);
 * - groups (cn = ID, ou = name): devs = {alice, bob}, ops = {carol};
 * - cn=enabled_users,ou=Users: the enabled-emulation group = {alice, admin}.
 */
export async function seedDirectory(slapd: TestSlapd, adminPassword: string): Promise<void> {
  const person = (cn: string, sn: string, password: string, more: Record<string, string> = {}) => ({
    dn: userDn(cn),
    attributes: { objectClass: ['inetOrgPerson'], cn, sn, userPassword: password, ...more },
  });
  await slapd.add([
    { dn: USERS, attributes: { objectClass: 'organizationalUnit', ou: 'Users' } },
    { dn: GROUPS, attributes: { objectClass: 'organizationalUnit', ou: 'UserGroups' } },
    person('admin', 'admin', adminPassword, { employeeType: 'TRUE', employeeNumber: '512' }),
    person('alice', 'Alice', 'alice-pass', { mail: 'alice@example.org', description: 'Developer', employeeType: 'TRUE', employeeNumber: '512' }),
    person('bob', 'Bob', 'bob-pass', { employeeType: 'FALSE', employeeNumber: '514' }),
    person('carol', 'Carol (ops)*', 'carol-pass', { employeeType: 'TRUE', employeeNumber: '66048' }),
    { dn: `cn=enabled_users,${USERS}`, attributes: { objectClass: 'groupOfNames', cn: 'enabled_users', member: [userDn('alice'), userDn('admin')] } },
    { dn: groupDn('devs'), attributes: { objectClass: 'groupOfNames', cn: 'devs', ou: 'Developers', description: 'Dev team', member: [userDn('alice'), userDn('bob')] } },
    { dn: groupDn('ops'), attributes: { objectClass: 'groupOfNames', cn: 'ops', ou: 'Operators', member: [userDn('carol')] } },
  ]);
}
