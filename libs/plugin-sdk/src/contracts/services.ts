import type { AuthRequestContext } from './auth-method';
import type { OAuth1ServiceFacade } from './oauth1.driver';

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

export interface ApplicationCredentialServiceFacade {
  /** @throws NotFound */
  get(id: string): Promise<{ id: string; name: string; user_id: string; project_id: string | null; expires_at: Date | null }>;
  /** The user's credentials of that name (at most one). */
  findByName(userId: string, name: string): Promise<{ id: string; name: string; user_id: string; project_id: string | null; expires_at: Date | null }[]>;
  /** False for a wrong secret or an unknown credential. */
  checkSecret(id: string, secret: string): Promise<boolean>;
}

/** Keystone's audit notifications, for what only an auth method knows. Never throws. */
export interface NotificationServiceFacade {
  /**
   * An `identity.authenticate` failure for a user that could not be found
   * (Keystone's UserAuthInfo reports it before any password check).
   */
  authenticationFailed(who: { userId?: string; userName?: string; domainId?: string | null; domainName?: string | null }, error: Error & { code?: number }): Promise<void>;
}

export interface CoreServices {
  readonly tokens?: TokenServiceFacade;
  readonly identity?: IdentityServiceFacade;
  readonly resource?: ResourceServiceFacade;
  readonly notifications?: NotificationServiceFacade;
  readonly database?: DatabaseFacade;
  readonly applicationCredentials?: ApplicationCredentialServiceFacade;
  readonly oauth1?: OAuth1ServiceFacade;
}
