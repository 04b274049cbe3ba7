import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { KEYSTONE_RUNTIME, ProviderApis, getLogger, type KeystoneRuntime } from '@keystone-ts/core';
import { AuthPluginError, Unauthorized, isKeystoneError, type AuthMethod, type AuthMethodResult, type AuthRequestContext } from '@keystone-ts/plugin-sdk';
import { TokenManager, bindForNewToken, scopeOf, type TokenModel } from '@keystone-ts/token';
import { loadAuthMethods } from './auth-methods';
import type { AuthRequest, ScopeRequest } from './auth-request';
import { consumeTrustUse, resolveTrustScope } from './trust-scope';

const GENERIC = 'The request you have made requires authentication.';

/**
 * Runs the auth methods of a request in order (all must succeed and agree
 * on the user), resolves the requested scope, and issues the token.
 */
@Injectable()
export class AuthManager implements OnApplicationBootstrap {
  private methods = new Map<string, AuthMethod>();

  constructor(
    @Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime,
    private readonly apis: ProviderApis,
    private readonly tokens: TokenManager,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The facades plugins see; built-in and third-party methods get the same.
    const services = this.runtime.services;
    services.identity = this.apis.identity;
    services.resource = this.apis.resource;
    services.tokens = {
      validate: async (id: string, request?: Pick<AuthRequestContext, 'remoteUser' | 'authType' | 'bind'>) => {
        const m = await this.tokens.validate(id);
        // Authenticating with a token is a use of it: its bind must hold for this request.
        this.tokens.enforceBind(m, request ?? {});
        return {
          id: m.id,
          userId: m.user.id,
          methods: m.payload.methods,
          auditIds: m.payload.auditIds,
          expiresAt: m.expiresAt,
          scope: scopeOf(m),
          projectId: m.project?.id ?? null,
          domainId: m.domain?.id ?? null,
          trustId: m.payload.trustId ?? null,
          appCredId: m.payload.appCredId ?? null,
        };
      },
    };
    const log = getLogger('keystone.auth');
    this.methods = await loadAuthMethods(this.runtime, (m) => log.debug(m));
  }

  async authenticate(req: AuthRequest, ctx: AuthRequestContext): Promise<TokenModel> {
    let userId: string | null = null;
    const methodNames: string[] = [];
    let parent: { expiresAt: Date; auditIds: string[] } | null = null;
    let established: Record<string, unknown> | undefined;
    let appCred: AppCredGrant | null = null;
    let oauth: OAuthGrant | null = null;
    const accept = (name: string, result: Extract<AuthMethodResult, { kind: 'authenticated' }>) => {
      if (userId !== null && userId !== result.userId) throw new Unauthorized('User IDs of the authentication methods do not match.');
      userId = result.userId;
      const inherited = (result.extras?.methods as string[] | undefined) ?? [];
      methodNames.push(...inherited, name);
      if (result.expiresAt && result.auditIds) parent = { expiresAt: result.expiresAt, auditIds: result.auditIds };
      if (result.bind) established = { ...established, ...result.bind };
      if (name === 'application_credential') appCred = appCredGrant(result.extras);
      if (name === 'oauth1') oauth = oauthGrant(result.extras);
    };
    // Keystone runs `external` first whenever a trusted layer set REMOTE_USER, whatever the
    // request names; if it fails (or is not enabled) the named methods decide alone.
    const external = this.methods.get('external');
    if (ctx.remoteUser && external) {
      try {
        const result = await external.authenticate({}, ctx);
        if (result.kind === 'authenticated') accept('external', result);
      } catch (e) {
        if (!(isKeystoneError(e) && e.code === 401)) throw e;
      }
    }
    for (const name of req.methods) {
      const method = this.methods.get(name);
      if (!method) throw new Unauthorized('Attempted to authenticate with an unsupported method.');
      const result = await method.authenticate((req.identity[name] as Record<string, unknown>) ?? {}, ctx);
      if (result.kind === 'challenge') {
        throw new Unauthorized('Additional authentication is required.');
      }
      accept(name, result);
    }
    if (userId === null) throw new Unauthorized(GENERIC);
    // An application credential's token is for its project only (Keystone refuses any asked scope).
    if (appCred && req.scope !== null) throw new AuthPluginError('Error authenticating with application credential: Application credentials cannot request a scope.');
    // Assigned inside `accept`, which the compiler's narrowing does not see.
    const granted = appCred as AppCredGrant | null;
    // An OAuth1 access token decides the scope: its project, whatever the request asked (as Keystone).
    const delegated = oauth as OAuthGrant | null;
    const scope = granted
      ? { projectId: granted.projectId ?? undefined, appCredId: granted.id }
      : delegated
        ? delegated
        : await this.resolveScope(req.scope, userId);
    const bind = bindForNewToken(this.runtime.config.get<string[] | null>('token', 'bind') ?? [], established);
    try {
      const token = await this.tokens.issue({ userId, methods: [...new Set(methodNames)], ...scope, parent, bind });
      await consumeTrustUse(this.apis, token.trust?.id);
      return token;
    } catch (e) {
      if (isKeystoneError(e) && (e.code === 404 || e.code === 403)) throw new Unauthorized(e.message);
      throw e;
    }
  }

  /** Scope by id or by name within a domain; anything unknown or disabled is a 401, as in Keystone. */
  private async resolveScope(scope: ScopeRequest | 'unscoped' | null, userId: string): Promise<{ projectId?: string; domainId?: string; system?: boolean; trustId?: string }> {
    const resource = this.apis.resource;
    try {
      if (scope && scope !== 'unscoped') {
        if (scope.project) {
          const p = scope.project;
          const project = p.id
            ? await resource.getProject(p.id)
            : await resource.getProjectByName(String(p.name), p.domain?.id ?? (await resource.getDomainByName(String(p.domain?.name))).id);
          return { projectId: project.id };
        }
        if (scope.domain) {
          const d = scope.domain;
          return { domainId: (d.id ? await resource.getDomain(d.id) : await resource.getDomainByName(String(d.name))).id };
        }
        if (scope.system) return { system: true };
        if (scope['OS-TRUST:trust']) return await resolveTrustScope(this.apis, scope['OS-TRUST:trust'], userId);
      }
      if (scope === null) return this.defaultProjectScope(userId);
      return {};
    } catch (e) {
      if (isKeystoneError(e) && e.code === 404) throw new Unauthorized(e.message);
      throw e;
    }
  }

  /** No scope asked: Keystone scopes to the user's default project when it can, else unscoped. */
  private async defaultProjectScope(userId: string): Promise<{ projectId?: string }> {
    const user = await this.apis.identity.getUser(userId);
    const projectId = user.default_project_id;
    if (!projectId) return {};
    try {
      const project = await this.apis.resource.getProject(projectId);
      if (!project.enabled) return {};
      const roles = await this.apis.assignment.getRolesForUserOnProject(userId, projectId);
      return roles.length > 0 ? { projectId } : {};
    } catch {
      return {};
    }
  }
}

type AppCredGrant = { id: string; projectId: string | null };

/** What the application_credential method reports: the credential the token is for. */
function appCredGrant(extras: Record<string, unknown> | undefined): AppCredGrant | null {
  const grant = extras?.applicationCredential as Partial<AppCredGrant> | undefined;
  return grant && typeof grant.id === 'string' ? { id: grant.id, projectId: grant.projectId ?? null } : null;
}

type OAuthGrant = { projectId: string; accessTokenId: string };

/** What the oauth1 method reports: the access token the token is for, and its project. */
function oauthGrant(extras: Record<string, unknown> | undefined): OAuthGrant | null {
  const accessTokenId = extras?.access_token_id;
  const projectId = extras?.project_id;
  return typeof accessTokenId === 'string' && typeof projectId === 'string' ? { projectId, accessTokenId } : null;
}
