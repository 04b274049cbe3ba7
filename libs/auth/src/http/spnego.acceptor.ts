import { accessSync, constants } from 'node:fs';
import { ConfigurationError, type ConfigView } from '@keystone-ts/plugin-sdk';
import { getLogger } from '@keystone-ts/core';
import type { RemoteIdentity } from '../remote-identity';

/** The part of the npm `kerberos` package (MIT GSSAPI binding) used here. */
interface KerberosServer {
  username: string;
  contextComplete: boolean;
  step(challenge: string): Promise<string>;
}
interface KerberosModule {
  initializeServer(service: string): Promise<KerberosServer>;
}

export interface SpnegoSettings {
  keytab: string;
  /** GSS host-based name (HTTP@host), or '' for any key in the keytab. */
  service: string;
  stripRealm: boolean;
  allowedRealms: readonly string[];
  remoteDomain: string | null;
}

const log = getLogger('keystone.auth.spnego');

/** `[kerberos]`; null when no keytab is configured (native SPNEGO off). */
export function spnegoSettings(config: ConfigView): SpnegoSettings | null {
  if (!config.has('kerberos')) return null;
  const keytab = config.get<string | null>('kerberos', 'keytab');
  if (!keytab) return null;
  return {
    keytab,
    service: hostBasedName(config.get<string | null>('kerberos', 'service_principal')),
    stripRealm: config.get<boolean>('kerberos', 'strip_realm') !== false,
    allowedRealms: config.get<string[] | null>('kerberos', 'allowed_realms') ?? [],
    remoteDomain: config.get<string | null>('kerberos', 'remote_domain'),
  };
}

/** HTTP/host@REALM (how principals are written) → HTTP@host (how GSSAPI imports service names). */
function hostBasedName(principal: string | null): string {
  if (!principal) return '';
  const m = /^([^/@]+)\/([^@]+)(@.*)?$/.exec(principal);
  return m ? `${m[1]}@${m[2]}` : principal;
}

/**
 * Verifies `Authorization: Negotiate <token>` (one round: a Kerberos AP-REQ
 * wrapped in SPNEGO, as browsers, curl and requests-kerberos send it) with
 * the service keytab, through MIT GSSAPI. The replay cache of the library
 * rejects a token seen before.
 */
export class SpnegoAcceptor {
  private constructor(
    private readonly lib: KerberosModule,
    private readonly s: SpnegoSettings,
  ) {}

  /** @throws ConfigurationError when the keytab is unreadable or the `kerberos` package is missing */
  static load(s: SpnegoSettings): SpnegoAcceptor {
    try {
      accessSync(s.keytab, constants.R_OK);
    } catch {
      throw new ConfigurationError(`[kerberos] keytab: cannot read ${s.keytab}`);
    }
    let lib: KerberosModule;
    try {
      // Optional dependency: only deployments that verify Kerberos themselves need the native addon.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      lib = require('kerberos') as KerberosModule;
    } catch (e) {
      throw new ConfigurationError(`[kerberos] keytab is set but the npm package 'kerberos' cannot be loaded (${(e as Error).message.split('\n')[0]}); install it or unset [kerberos] keytab`);
    }
    // GSSAPI finds acceptor keys through KRB5_KTNAME; it is per process, like the config.
    process.env.KRB5_KTNAME = `FILE:${s.keytab}`;
    return new SpnegoAcceptor(lib, s);
  }

  /** The identity and the mutual-authentication token to send back, or null when the token does not verify. */
  async accept(token: string): Promise<{ identity: RemoteIdentity; response: string | null } | null> {
    let principal: string;
    let response: string;
    try {
      const server = await this.lib.initializeServer(this.s.service);
      response = await server.step(token);
      if (!server.contextComplete || !server.username) {
        log.info('SPNEGO token needs another round; only one-round Kerberos is supported');
        return null;
      }
      principal = server.username;
    } catch (e) {
      log.info(`SPNEGO token rejected: ${(e as Error).message}`);
      return null;
    }
    const at = principal.lastIndexOf('@');
    const name = at > 0 ? principal.slice(0, at) : principal;
    const realm = at > 0 ? principal.slice(at + 1) : '';
    if (this.s.allowedRealms.length > 0 && !this.s.allowedRealms.includes(realm)) {
      log.info(`SPNEGO principal ${principal} is not in [kerberos] allowed_realms`);
      return null;
    }
    const identity: RemoteIdentity = { remoteUser: this.s.stripRealm ? name : principal, authType: 'Negotiate' };
    if (this.s.remoteDomain) identity.remoteDomain = this.s.remoteDomain;
    return { identity, response: response || null };
  }
}
