import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CacheRegions,
  DisabledCacheRegion,
  KEYSTONE_RUNTIME,
  ProviderApis,
  applyRemainingFilters,
  type ApplicationCredentialApi,
  type ApplicationCredentialRef,
  type CacheRegion,
  type KeystoneRuntime,
  type RoleRef,
} from '@keystone-ts/core';
import {
  DriverHints,
  Forbidden,
  Namespaces,
  ValidationError,
  type AccessRuleRecord,
  type ApplicationCredentialDriver,
  type ApplicationCredentialRecord,
} from '@keystone-ts/plugin-sdk';
import { expiresAtDate } from './expiry';
import { generateSecret } from './secret';

export interface NewApplicationCredentialRequest {
  user_id: string;
  project_id: string;
  name: string;
  description?: string | null;
  secret?: string | null;
  /** Microseconds since the epoch. */
  expires_at: number | null;
  unrestricted?: boolean;
  roles: { id: string }[];
  /** Rules without an id get one here; an existing identical rule of the user wins over it. */
  access_rules?: { id?: string; service: string; path: string; method: string }[] | null;
}

/** A credential with its roles resolved, as the API shows it. */
export type ApplicationCredentialView = Omit<ApplicationCredentialRecord, 'roles'> & { roles: RoleRef[]; secret?: string };

const NO_CACHE: CacheRegion = new DisabledCacheRegion('application_credential');

function uuidHex(): string {
  return randomUUID().replace(/-/g, '');
}

/**
 * Keystone's application_credential_api: credentials a user makes for an
 * application, limited to a project and a subset of the user's roles there,
 * and the access rules they share. Registered as `applicationCredential` so
 * tokens, identity and assignment can reach it.
 */
@Injectable()
export class ApplicationCredentialManager implements OnModuleInit, ApplicationCredentialApi {
  private driver!: ApplicationCredentialDriver;

  constructor(
    @Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime,
    private readonly apis: ProviderApis,
    @Optional() private readonly cache?: CacheRegions,
  ) {
    apis.register('applicationCredential', this);
  }

  async onModuleInit(): Promise<void> {
    const cfg = this.runtime.config;
    this.driver = await this.runtime.drivers.createDriver<ApplicationCredentialDriver>(Namespaces.applicationCredential, cfg.get('application_credential', 'driver'), cfg);
    // What the application_credential auth method (a plugin) may ask.
    this.runtime.services.applicationCredentials = {
      get: async (id) => toRef(await this.getRecord(id)),
      findByName: async (userId, name) => (await this.driver.listApplicationCredentialsForUser(userId, new DriverHints().addFilter('name', name))).filter((c) => c.name === name).map(toRef),
      checkSecret: (id, secret) => this.driver.checkSecret(id, secret),
    };
  }

  private get region(): CacheRegion {
    return this.cache?.region('application_credential') ?? NO_CACHE;
  }

  async createApplicationCredential(req: NewApplicationCredentialRequest): Promise<ApplicationCredentialView> {
    await this.assertLimitNotExceeded(req.user_id);
    await this.assertUserHasRoles(req.roles, req.user_id, req.project_id);
    const secret = req.secret || generateSecret();
    const rules = req.access_rules ? req.access_rules.map((r) => ({ ...r, id: r.id ?? uuidHex() }) as AccessRuleRecord) : null;
    const record = await this.driver.createApplicationCredential(
      {
        id: uuidHex(),
        name: req.name,
        description: req.description ?? null,
        user_id: req.user_id,
        project_id: req.project_id,
        system: null,
        expires_at: req.expires_at,
        unrestricted: req.unrestricted ?? false,
        secret,
      },
      req.roles,
      rules,
    );
    return { ...(await this.withRoles(record)), secret };
  }

  async getApplicationCredentialView(id: string): Promise<ApplicationCredentialView> {
    return this.withRoles(await this.getRecord(id));
  }

  async getApplicationCredential(id: string): Promise<ApplicationCredentialRef> {
    return toRef(await this.getRecord(id));
  }

  async listApplicationCredentials(userId: string, hints: DriverHints): Promise<ApplicationCredentialView[]> {
    const records = applyRemainingFilters(await this.driver.listApplicationCredentialsForUser(userId, hints) as never[], hints) as ApplicationCredentialRecord[];
    const roles = await this.roleMap(records.flatMap((r) => r.roles.map((x) => x.id)));
    return records.map((r) => ({ ...r, roles: r.roles.map((x) => roles.get(x.id)).filter((x): x is RoleRef => x !== undefined) }));
  }

  async deleteApplicationCredential(id: string): Promise<void> {
    await this.driver.deleteApplicationCredential(id);
    await this.forget([id]);
  }

  getAccessRule(id: string): Promise<AccessRuleRecord> {
    return this.driver.getAccessRule(id);
  }

  async listAccessRules(userId: string, hints: DriverHints): Promise<AccessRuleRecord[]> {
    return applyRemainingFilters(await this.driver.listAccessRulesForUser(userId, hints) as never[], hints) as AccessRuleRecord[];
  }

  deleteAccessRule(id: string): Promise<void> {
    return this.driver.deleteAccessRule(id);
  }

  async deleteForUser(userId: string): Promise<void> {
    const doomed = await this.driver.listApplicationCredentialsForUser(userId, new DriverHints());
    await this.driver.deleteApplicationCredentialsForUser(userId);
    await this.driver.deleteAccessRulesForUser(userId);
    await this.forget(doomed.map((c) => c.id));
  }

  async pruneForUserOnProject(userId: string, projectId: string): Promise<void> {
    const creds = await this.driver.listApplicationCredentialsForUser(userId, new DriverHints().addFilter('project_id', projectId));
    if (creds.length === 0) return;
    const held = new Set((await this.apis.assignment.getRolesForUserOnProject(userId, projectId)).map((r) => r.id));
    const doomed = creds.filter((c) => c.project_id === projectId && c.roles.some((r) => !held.has(r.id)));
    for (const c of doomed) await this.driver.deleteApplicationCredential(c.id);
    await this.forget(doomed.map((c) => c.id));
  }

  async deleteWithRole(roleId: string): Promise<void> {
    const doomed = await this.driver.listApplicationCredentialsWithRole(roleId);
    for (const c of doomed) await this.driver.deleteApplicationCredential(c.id);
    await this.forget(doomed.map((c) => c.id));
  }

  private getRecord(id: string): Promise<ApplicationCredentialRecord> {
    return this.region.getOrSet(['app_cred', id], () => this.driver.getApplicationCredential(id));
  }

  /** Cached reads go, and so do cached token validations that showed these credentials. */
  private async forget(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const id of ids) await this.region.invalidate(['app_cred', id]);
    if (this.apis.has('token')) await this.apis.token.invalidateCaches?.();
  }

  private async assertLimitNotExceeded(userId: string): Promise<void> {
    const limit = this.runtime.config.get<number>('application_credential', 'user_limit');
    if (limit < 0) return;
    const count = (await this.driver.listApplicationCredentialsForUser(userId, new DriverHints())).length;
    if (count >= limit) {
      throw new Forbidden(`Unable to create additional application credentials, maximum of ${limit} already exceeded for user.`);
    }
  }

  /** Keystone answers a role the user lacks with a 400 naming the missing assignment. */
  private async assertUserHasRoles(roles: { id: string }[], userId: string, projectId: string): Promise<void> {
    const held = new Set((await this.apis.assignment.getRolesForUserOnProject(userId, projectId)).map((r) => r.id));
    for (const role of roles) {
      if (!held.has(role.id)) {
        throw new ValidationError(
          `Invalid application credential: Could not find role assignment with role: ${role.id}, user or group: ${userId}, project, domain, or system: ${projectId}.`,
        );
      }
    }
  }

  private async withRoles(record: ApplicationCredentialRecord): Promise<ApplicationCredentialView> {
    const roles = await this.roleMap(record.roles.map((r) => r.id));
    return { ...record, roles: record.roles.map((r) => roles.get(r.id)).filter((r): r is RoleRef => r !== undefined) };
  }

  private async roleMap(ids: string[]): Promise<Map<string, RoleRef>> {
    if (ids.length === 0) return new Map();
    return new Map((await this.apis.assignment.listRolesFromIds([...new Set(ids)])).map((r) => [r.id, r]));
  }
}

function toRef(c: ApplicationCredentialRecord): ApplicationCredentialRef {
  const ref: ApplicationCredentialRef = {
    id: c.id,
    name: c.name,
    user_id: c.user_id,
    project_id: c.project_id,
    expires_at: expiresAtDate(c.expires_at),
    unrestricted: c.unrestricted,
    roleIds: c.roles.map((r) => r.id),
  };
  if (c.access_rules) ref.access_rules = c.access_rules;
  return ref;
}
