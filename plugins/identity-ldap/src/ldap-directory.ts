import {
  InvalidCredentialsError,
  NoSuchObjectError,
  SizeLimitExceededError,
  UnavailableCriticalExtensionError,
  type Client,
} from 'ldapts';
import { InternalError, Unauthorized, type Logger } from '@keystone-ts/plugin-sdk';
import { toLdapEntry, type LdapEntry } from './entity-mapper';
import { LdapPool, LdapUnavailableError, type PoolSettings } from './ldap-pool';
import type { LdapSettings } from './ldap-settings';

export interface SearchRequest {
  base: string;
  scope: 'base' | 'one' | 'sub';
  filter: string;
  attributes: string[];
  /** 0: no limit. */
  sizeLimit?: number;
}

/**
 * The directory as the driver sees it: searches over the service pool and
 * binds over the authentication pool. LDAP and connection failures become
 * Keystone's errors here (500 with Keystone's generic message; details only
 * in the log).
 */
export class LdapDirectory {
  private readonly search: LdapPool;
  private readonly auth: LdapPool;
  private pageSize: number;

  constructor(
    private readonly settings: LdapSettings,
    private readonly logger: Logger,
  ) {
    const c = settings.connection;
    const tls = { ca: c.ca ?? undefined, rejectUnauthorized: c.rejectUnauthorized };
    const base: Omit<PoolSettings, 'bind' | 'size' | 'lifetimeMs' | 'connectTimeoutMs' | 'rounds'> = {
      urls: c.urls,
      startTls: c.useTls,
      tls,
      retryDelayMs: c.retryDelayMs,
      logger,
    };
    this.search = new LdapPool({
      ...base,
      bind: c.bindDn && c.bindPassword ? { dn: c.bindDn, password: c.bindPassword } : null,
      size: c.usePool ? c.poolSize : Number.MAX_SAFE_INTEGER,
      lifetimeMs: c.usePool ? c.poolLifetimeMs : 0,
      connectTimeoutMs: c.usePool ? c.poolConnectTimeoutMs : c.connectTimeoutMs,
      rounds: c.usePool ? c.retryMax : 1,
    });
    this.auth = new LdapPool({
      ...base,
      bind: null,
      size: c.useAuthPool ? c.authPoolSize : Number.MAX_SAFE_INTEGER,
      lifetimeMs: c.useAuthPool ? c.authPoolLifetimeMs : 0,
      connectTimeoutMs: c.useAuthPool ? c.poolConnectTimeoutMs : c.connectTimeoutMs,
      rounds: c.useAuthPool ? c.retryMax : 1,
    });
    this.pageSize = settings.pageSize;
  }

  /** Entries matching the request; a missing base is an empty answer, as Keystone treats NO_SUCH_OBJECT. */
  async find(req: SearchRequest): Promise<LdapEntry[]> {
    this.logger.debug(`LDAP search: base=${req.base} scope=${req.scope} filter=${req.filter} attrs=${req.attributes.join(',')}`);
    try {
      const result = await this.search.run((client) => this.searchOn(client, req));
      return result.map(toLdapEntry);
    } catch (e) {
      if (e instanceof NoSuchObjectError) return [];
      throw this.translate(e);
    }
  }

  /** Binds as `dn`. @throws Unauthorized for wrong credentials (or any other refusal). */
  async checkPassword(dn: string, password: string): Promise<void> {
    this.logger.debug(`LDAP bind: who=${dn}`);
    try {
      await this.auth.run((client) => client.bind(dn, password));
    } catch (e) {
      if (e instanceof LdapUnavailableError) throw this.translate(e);
      throw new Unauthorized();
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.search.close(), this.auth.close()]);
  }

  private async searchOn(client: Client, req: SearchRequest) {
    const options = {
      scope: req.scope,
      filter: req.filter,
      attributes: req.attributes,
      derefAliases: this.settings.derefAliases,
      sizeLimit: req.sizeLimit ?? 0,
      timeLimit: 0,
    };
    if (this.pageSize > 0) {
      try {
        return (await client.search(req.base, { ...options, paged: { pageSize: this.pageSize } })).searchEntries;
      } catch (e) {
        if (!(e instanceof UnavailableCriticalExtensionError)) throw e;
        this.logger.warn('LDAP server does not support paging. Disable paging ([ldap] page_size = 0) to avoid this message.');
        this.pageSize = 0;
      }
    }
    return (await client.search(req.base, options)).searchEntries;
  }

  private translate(e: unknown): Error {
    if (e instanceof LdapUnavailableError) {
      this.logger.error(e.message);
      return new InternalError();
    }
    if (e instanceof InvalidCredentialsError) {
      this.logger.error(`LDAP bind as [ldap] user failed: ${e.message}`);
      return new InternalError('Unable to authenticate against Identity backend - Invalid username or password');
    }
    if (e instanceof SizeLimitExceededError) {
      return new InternalError('Number of User/Group entities returned by LDAP exceeded size limit. Contact your LDAP administrator.');
    }
    this.logger.error(`LDAP operation failed: ${(e as Error)?.stack ?? String(e)}`);
    return new InternalError();
  }
}
