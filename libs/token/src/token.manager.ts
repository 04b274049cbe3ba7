import { Inject, Injectable, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { CacheRegions, KEYSTONE_RUNTIME, ProviderApis, recordToken, type KeystoneRuntime, type RoleRef } from '@keystone-ts/core';
import { Namespaces, NotFound, NotImplemented, Unauthorized, isKeystoneError, type TokenPayload, type TokenProvider } from '@keystone-ts/plugin-sdk';
import { RevokeManager } from './revoke/revoke.manager';
import type { TokenValues } from './revoke/revocation-matcher';
import { newAuditId } from './audit-ids';
import type { TokenModel } from './token-model';
import { appCredScope, capToAppCredExpiry, type TokenAppCred } from './app-cred-token';
import { checkBindConfiguration, enforceTokenBind, type RequestIdentity } from './token-bind';
import { TokenStore } from './token-store';
import { trustScopedFacts } from './trust-token';
import { oauthScope, type TokenOAuth1 } from './oauth1-token';

export interface IssueRequest {
  userId: string;
  methods: string[];
  projectId?: string | null;
  domainId?: string | null;
  system?: boolean;
  /** The token being rescoped or used to authenticate: its expiry caps ours, its audit chain continues. */
  parent?: { expiresAt: Date; auditIds: string[] } | null;
  expiresAt?: Date | null;
  /** What `[token] bind` binds the token to (see token-bind.ts); null or absent: unbound. */
  bind?: Record<string, unknown> | null;
  /** The application credential the token is for (its project is the token's scope). */
  appCredId?: string | null;
  /** The trust the token is scoped to (OS-TRUST); the user is the trustee. */
  trustId?: string | null;
  /** The OS-OAUTH1 access token the token is for (its project is the token's scope). */
  accessTokenId?: string | null;
}

const INVALID = 'Failed to validate token';

/**
 * Issues and validates tokens with the configured provider; rebuilds every
 * token's facts from the managers (so a disabled user or project or a
 * revocation takes effect on the next validation).
 */
@Injectable()
export class TokenManager implements OnApplicationBootstrap {
  private provider!: TokenProvider;
  /** Where uuid/pki tokens are kept (no-op for self-contained formats). */
  store!: TokenStore;

  constructor(
    @Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime,
    private readonly apis: ProviderApis,
    private readonly revoke: RevokeManager,
    @Optional() private readonly cache?: CacheRegions,
  ) {
    apis.register('token', this);
  }

  async onApplicationBootstrap(): Promise<void> {
    const cfg = this.runtime.config;
    this.provider = await this.runtime.drivers.createDriver<TokenProvider>(Namespaces.tokenProvider, cfg.get('token', 'provider'), cfg);
    this.store = await TokenStore.forProvider(this.runtime, this.provider);
    checkBindConfiguration(cfg.get<string[] | null>('token', 'bind') ?? [], cfg.get<string>('token', 'enforce_token_bind'), cfg.get<string>('token', 'provider'), this.provider.supportsBind === true);
  }

  /** `[token] enforce_token_bind` for one use of a token by a request. @throws Unauthorized */
  enforceBind(model: TokenModel, identity: RequestIdentity): void {
    enforceTokenBind(this.runtime.config.get<string>('token', 'enforce_token_bind'), model.payload.bind, identity);
  }

  async issue(req: IssueRequest): Promise<TokenModel> {
    return counted('issue', this.issueToken(req));
  }

  /** @throws NotFound when the token is invalid, expired, revoked, or its user/scope is gone or disabled */
  async validate(tokenId: string, opts: { allowExpired?: boolean } = {}): Promise<TokenModel> {
    return counted('validate', this.validateToken(tokenId, opts));
  }

  private async issueToken(req: IssueRequest): Promise<TokenModel> {
    const now = new Date();
    const lifetime = this.runtime.config.get<number>('token', 'expiration') * 1000;
    let expiresAt = req.expiresAt ?? new Date(now.getTime() + lifetime);
    if (req.parent && req.parent.expiresAt < expiresAt) expiresAt = req.parent.expiresAt;
    if (req.appCredId) expiresAt = await capToAppCredExpiry(this.apis, req.appCredId, expiresAt);
    // Keystone drops microseconds from expiry, and Fernet keeps whole seconds.
    expiresAt = new Date(Math.floor(expiresAt.getTime() / 1000) * 1000);
    const auditIds = req.parent ? [newAuditId(), req.parent.auditIds[req.parent.auditIds.length - 1]] : [newAuditId()];
    const payload: TokenPayload = {
      userId: req.userId,
      methods: req.methods,
      expiresAt: expiresAt.getTime() / 1000,
      auditIds,
      projectId: req.projectId ?? null,
      domainId: req.domainId ?? null,
      systemScope: req.system ? 'all' : null,
    };
    if (req.bind) {
      // Keystone's answer when a provider cannot record bind (normally refused at start already).
      if (!this.provider.supportsBind) throw new NotImplemented('The configured token provider does not support bind authentication.');
      payload.bind = req.bind;
    }
    if (req.appCredId) payload.appCredId = req.appCredId;
    if (req.trustId) payload.trustId = req.trustId;
    if (req.accessTokenId) payload.accessTokenId = req.accessTokenId;
    const id = await this.provider.issue(payload);
    // Fernet keeps whole seconds; render what validation will render.
    const issuedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const model = await this.buildModel(id, { ...payload, issuedAt: issuedAt.getTime() / 1000 }, (e) => e);
    await this.store.save(id, model.payload);
    return model;
  }

  private async validateToken(tokenId: string, opts: { allowExpired?: boolean }): Promise<TokenModel> {
    const region = this.cache?.region('token');
    if (!region?.active) return this.validateUncached(tokenId, opts.allowExpired ?? false);
    // Cached under the token id and the revocation generation (the token region depends on the
    // revoke region): a new revocation event anywhere changes the key, so a warm validation needs
    // neither the provider nor the database. Expiry is time, not data: checked on every call.
    // The bearer token itself is not stored in the cache.
    const cached = await region.getOrSet(['validated', tokenId], async () => ({ ...(await this.validateUncached(tokenId, true)), id: '' }));
    this.checkExpiry(cached.payload.expiresAt, opts.allowExpired ?? false);
    return { ...cached, id: tokenId };
  }

  /** Drops every cached validation on every worker (grants, roles or implied roles changed). */
  async invalidateCaches(): Promise<void> {
    await this.cache?.region('token').invalidateAll();
  }

  private async validateUncached(tokenId: string, allowExpired: boolean): Promise<TokenModel> {
    let payload: TokenPayload;
    try {
      payload = await this.provider.validate(tokenId, await this.store.load(tokenId));
    } catch (e) {
      // The provider's own 404 ("Could not recognize Fernet token") is what Keystone answers.
      if (isKeystoneError(e) && e.code === 401) throw new NotFound(INVALID);
      throw e;
    }
    this.checkExpiry(payload.expiresAt, allowExpired);
    const model = await this.buildModel(tokenId, payload, () => new NotFound(INVALID));
    if (await this.revoke.isRevoked(tokenValues(model))) throw new NotFound(INVALID);
    return model;
  }

  private checkExpiry(expiresAt: number, allowExpired: boolean): void {
    const now = Date.now();
    const expiresMs = expiresAt * 1000;
    if (expiresMs <= now) {
      const window = this.runtime.config.get<number>('token', 'allow_expired_window') * 1000;
      if (!allowExpired || expiresMs + window <= now) throw new NotFound(INVALID);
    }
  }

  /** Revokes one token (DELETE /v3/auth/tokens). */
  async revokeToken(model: TokenModel): Promise<void> {
    await this.revoke.revokeByAuditId(model.payload.auditIds[0]);
    await this.store.invalidate(model.id);
  }

  private async buildModel(id: string, payload: TokenPayload, fail: (e: Error) => Error): Promise<TokenModel> {
    const apis = this.apis;
    try {
      if (payload.trustId) {
        const facts = await trustScopedFacts(apis, payload);
        return { id, payload, ...facts, issuedAt: new Date((payload.issuedAt ?? Date.now() / 1000) * 1000), expiresAt: new Date(payload.expiresAt * 1000), isAdminProject: null };
      }
      const user = await apis.identity.getUser(payload.userId);
      if (!user.enabled) throw new Unauthorized(`User ${user.id} is disabled.`);
      const userDomain = await apis.resource.assertDomainEnabled(user.domain_id);
      let project = null;
      let projectDomain = null;
      let domain = null;
      let roles: RoleRef[] = [];
      let applicationCredential: TokenAppCred | null = null;
      let oauth1: TokenOAuth1 | null = null;
      const system = payload.systemScope === 'all';
      if (payload.projectId) {
        project = await apis.resource.assertProjectEnabled(payload.projectId);
        projectDomain = await apis.resource.getDomain(project.domain_id);
        roles = await apis.assignment.getRolesForUserOnProject(user.id, project.id);
        if (payload.appCredId) ({ applicationCredential, roles } = await appCredScope(apis, payload.appCredId, user.id, project.id, roles));
        if (payload.accessTokenId) ({ oauth1, roles } = await oauthScope(apis, payload.accessTokenId, user.id, project.id, roles));
        if (roles.length === 0) throw new Unauthorized(`User ${user.id} has no access to project ${project.id}`);
      } else if (payload.domainId) {
        domain = await apis.resource.assertDomainEnabled(payload.domainId);
        roles = await apis.assignment.getRolesForUserOnDomain(user.id, domain.id);
        if (roles.length === 0) throw new Unauthorized(`User ${user.id} has no access to domain ${domain.id}`);
      } else if (system) {
        roles = await apis.assignment.getRolesForUserOnSystem(user.id);
        if (roles.length === 0) throw new Unauthorized(`User ${user.id} has no access to the system`);
      }
      return {
        id,
        payload,
        user,
        userDomain,
        project,
        projectDomain,
        domain,
        system,
        roles,
        applicationCredential,
        oauth1,
        issuedAt: new Date((payload.issuedAt ?? Date.now() / 1000) * 1000),
        expiresAt: new Date(payload.expiresAt * 1000),
        isAdminProject: this.isAdminProject(project?.name ?? null, projectDomain?.name ?? null),
      };
    } catch (e) {
      // A backend outage (LDAP down: 5xx) is not an invalid token; Keystone lets it through as a 500.
      throw isKeystoneError(e) && e.code < 500 ? fail(e) : e;
    }
  }

  /** null when no admin project is configured (Keystone then omits the key). */
  private isAdminProject(projectName: string | null, domainName: string | null): boolean | null {
    const cfg = this.runtime.config;
    if (!cfg.registry.get('resource', 'admin_project_name')) return null;
    const name = cfg.get<string | null>('resource', 'admin_project_name');
    const domain = cfg.get<string | null>('resource', 'admin_project_domain_name');
    if (!name || !domain) return null;
    return projectName === name && domainName === domain;
  }
}

export function tokenValues(m: TokenModel): TokenValues {
  return {
    userId: m.user.id,
    trustorId: m.trust?.trustorUserId ?? null,
    trusteeId: m.trust?.trusteeUserId ?? null,
    projectId: m.project?.id ?? null,
    identityDomainId: m.userDomain.id,
    assignmentDomainId: m.projectDomain?.id ?? m.domain?.id ?? null,
    roleIds: m.roles.map((r) => r.id),
    trustId: m.payload.trustId ?? null,
    consumerId: m.oauth1?.consumerId ?? null,
    accessTokenId: m.payload.accessTokenId ?? null,
    auditId: m.payload.auditIds[0],
    auditChainId: m.payload.auditIds[m.payload.auditIds.length - 1],
    issuedAt: m.issuedAt,
    expiresAt: m.expiresAt,
  };
}

/** Counts a token operation's outcome for the metrics, passing its result or error through. */
async function counted<T>(operation: 'issue' | 'validate', work: Promise<T>): Promise<T> {
  try {
    const result = await work;
    recordToken(operation, 'success');
    return result;
  } catch (e) {
    recordToken(operation, 'failure');
    throw e;
  }
}
