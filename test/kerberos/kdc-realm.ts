import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SHARE_ENV, Worker } from 'node:worker_threads';

const KDC_SH = resolve(__dirname, '../../scripts/services/kdc.sh');

export interface Realm {
  dir: string;
  realm: string;
  serviceKeytab: string;
  /** A fresh SPNEGO token (Authorization: Negotiate value) for `user`, from its own credential cache. */
  negotiate(user: string): Promise<{ token: string; verify(serverToken: string): Promise<boolean> }>;
  stop(): void;
}

interface KerberosClient {
  contextComplete: boolean;
  step(challenge: string): Promise<string>;
}
interface KerberosLib {
  GSS_MECH_OID_SPNEGO: number;
  initializeClient(service: string, opts: { mechOID: number }): Promise<KerberosClient>;
}

/** The npm `kerberos` package, or a failure that says exactly what is missing. */
export function loadKerberos(): KerberosLib {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('kerberos') as KerberosLib;
  } catch (e) {
    throw new Error(`The npm package 'kerberos' (MIT GSSAPI binding) is required for the SPNEGO tests and is not installed: ${(e as Error).message}`);
  }
}

/**
 * Sets variables in the real environment of this process, where the GSSAPI
 * library reads KRB5_CONFIG, KRB5CCNAME and KRB5_KTNAME. Under jest,
 * `process.env` is a sandbox copy that native code never sees; a worker
 * thread sharing the process environment writes the real one.
 */
export function setNativeEnv(vars: Record<string, string>): Promise<void> {
  return new Promise((done, fail) => {
    const w = new Worker("Object.assign(process.env, require('node:worker_threads').workerData)", { eval: true, env: SHARE_ENV, workerData: vars });
    w.on('error', fail);
    w.on('exit', () => done());
  });
}

function sh(args: string[], env: NodeJS.ProcessEnv): string {
  try {
    return execFileSync(KDC_SH, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`kdc.sh ${args[0]} failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}

/**
 * A real MIT KDC in a throw-away realm (scripts/services/kdc.sh), users with
 * keytabs, and a credential cache per user obtained with kinit. Points this
 * process's KRB5_CONFIG at the realm, so the GSSAPI library (client and
 * server side alike) uses it. Throws, loudly, when anything is missing.
 */
export async function startRealm(users: string[]): Promise<Realm> {
  // Before any daemon starts, so a missing package leaves nothing running.
  const lib = loadKerberos();
  const dir = mkdtempSync(join(tmpdir(), 'keystone-ts-kdc-'));
  const env = { ...process.env, KDC_REALM: 'KEYSTONE.TEST', KDC_SERVICE: 'HTTP/keystone.test' };
  const stop = () => {
    try {
      sh(['stop', dir], env);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  sh(['start', dir], env);
  try {
    const krbEnv = { ...env, KRB5_CONFIG: join(dir, 'krb5.conf') };
    for (const user of users) {
      sh(['user', dir, user], env);
      execFileSync('kinit', ['-k', '-t', join(dir, `${user}.keytab`), `${user}@KEYSTONE.TEST`], { env: { ...krbEnv, KRB5CCNAME: `FILE:${join(dir, `${user}.cc`)}` } });
    }
  } catch (e) {
    stop();
    throw e;
  }
  // The acceptor's replay cache goes inside the realm's directory rather than /var/tmp. The
  // server's KRB5_KTNAME ([kerberos] keytab) is set here too: keystone-ts sets it in
  // process.env, which jest does not pass on to native code.
  await setNativeEnv({ KRB5_CONFIG: join(dir, 'krb5.conf'), KRB5RCACHEDIR: dir, KRB5_KTNAME: `FILE:${join(dir, 'service.keytab')}` });
  return {
    dir,
    realm: 'KEYSTONE.TEST',
    serviceKeytab: join(dir, 'service.keytab'),
    negotiate: async (user) => {
      await setNativeEnv({ KRB5CCNAME: `FILE:${join(dir, `${user}.cc`)}` });
      const client = await lib.initializeClient('HTTP@keystone.test', { mechOID: lib.GSS_MECH_OID_SPNEGO });
      const token = await client.step('');
      return {
        token,
        verify: async (serverToken) => {
          await client.step(serverToken);
          return client.contextComplete;
        },
      };
    },
    stop,
  };
}
