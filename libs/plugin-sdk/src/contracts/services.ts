import type { AuthRequestContext } from './auth-method';

/**
 * Core services a plugin may use through `ctx.services`. Kept narrow on
 * purpose: each entry is a stable, documented facade, the same for built-in
 * and third-party plugins.
 */
export interface IdentityServiceFacade {
  getUser(userId: string): Promise<{ id: string; name: string; domain_id: string; enabled: boolean; [k: string]: unknown }>;
  getUserByName(name: string, domainId: string): Promise<{ id: string; name: string; domain_id: string; enabled: boolean; [k: string]: unknown }>;
  /** Checks the password with the driver of the user's domain. @throws Unauthorized */
  authenticate(userId: string, password: string): Promise<{ id: string; [k: string]: unknown }>;
}

export interface ResourceServiceFacade {
  getDomain(domainId: string): Promise<{ id: string; name: string; enabled: boolean; [k: string]: unknown }>;
  getDomainByName(name: string): Promise<{ id: string; name: string; enabled: boolean; [k: string]: unknown }>;
}

export interface DatabaseFacade {
  /** The SQL dialect in use ('sqlite' | 'postgresql'). */
  readonly dialect: 'sqlite' | 'postgresql';
  /** A knex query builder on the shared connection (for SQL drivers). */
  knex(): unknown;
}

export interface TokenServiceFacade {
  /**
   * Validates a token for use as an auth method. `request` is the external
   * authentication of the current request, against which the token's bind
   * (`[token] enforce_token_bind`) is checked; omitted, a bound token fails.
   * @throws Unauthorized/NotFound
   */
  validate(tokenId: string, request?: Pick<AuthRequestContext, 'remoteUser' | 'authType' | 'bind'>): Promise<{
    id: string;
    userId: string;
    methods: string[];
    auditIds: string[];
    expiresAt: Date;
    scope: 'project' | 'domain' | 'system' | 'unscoped';
    projectId: string | null;
    domainId: string | null;
    trustId: string | null;
    appCredId: string | null;
  }>;
}

export interface CoreServices {
  readonly tokens?: TokenServiceFacade;
  readonly identity?: IdentityServiceFacade;
  readonly resource?: ResourceServiceFacade;
  readonly database?: DatabaseFacade;
}
