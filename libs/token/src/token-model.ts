import type { CatalogEntry, DomainRef, ProjectRef, RoleRef, ServiceProviderRef } from '@keystone-ts/core';
import type { TokenPayload, UserRecord } from '@keystone-ts/plugin-sdk';
import type { TokenAppCred } from './app-cred-token';
import type { TokenOAuth1 } from './oauth1-token';
import { renderTrustScope, type TokenTrust } from './trust-token';

/** A validated token with every entity its body shows (Keystone's TokenModel). */
export interface TokenModel {
  id: string;
  payload: TokenPayload;
  user: UserRecord;
  userDomain: DomainRef;
  project: ProjectRef | null;
  projectDomain: DomainRef | null;
  domain: DomainRef | null;
  system: boolean;
  roles: RoleRef[];
  issuedAt: Date;
  expiresAt: Date;
  isAdminProject: boolean | null;
  /** The application credential the token was issued for, as the body shows it. */
  applicationCredential?: TokenAppCred | null;
  /** Set for a trust-scoped token. */
  trust?: TokenTrust | null;
  /** Set for a token issued with an OS-OAUTH1 access token. */
  oauth1?: TokenOAuth1 | null;
  catalog?: CatalogEntry[];
}

/** Keystone's `utils.isotime(subsecond=True)`: microseconds, Z suffix. */
export function isoTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function scopeOf(t: TokenModel): 'system' | 'domain' | 'project' | 'unscoped' {
  if (t.system) return 'system';
  if (t.domain) return 'domain';
  if (t.project) return 'project';
  return 'unscoped';
}

/** The token body as Keystone 22 renders it. */
export function renderToken(
  t: TokenModel,
  catalog: CatalogEntry[] | null,
  serviceProviders: readonly ServiceProviderRef[] = [],
): { token: Record<string, unknown> } {
  const body: Record<string, unknown> = {
    methods: t.payload.methods,
    user: {
      domain: { id: t.userDomain.id, name: t.userDomain.name },
      id: t.user.id,
      name: t.user.name,
      password_expires_at: t.user.password_expires_at ?? null,
    },
    audit_ids: t.payload.auditIds,
    expires_at: isoTime(t.expiresAt),
    issued_at: isoTime(t.issuedAt),
  };
  const roles = t.roles.map((r) => ({ id: r.id, name: r.name }));
  if (t.system) {
    body.roles = roles;
    body.system = { all: true };
  } else if (t.domain) {
    body.domain = { id: t.domain.id, name: t.domain.name };
    body.roles = roles;
  } else if (t.trust) {
    Object.assign(body, renderTrustScope(t));
  } else if (t.project && t.projectDomain) {
    body.project = { domain: { id: t.projectDomain.id, name: t.projectDomain.name }, id: t.project.id, name: t.project.name };
    body.is_domain = t.project.is_domain ?? false;
    body.roles = roles;
    if (t.isAdminProject !== null) body.is_admin_project = t.isAdminProject;
  }
  if (catalog && scopeOf(t) !== 'unscoped') body.catalog = catalog;
  // Keystone lists enabled service providers in every token body (any scope, with or without catalog).
  if (serviceProviders.length > 0) body.service_providers = serviceProviders;
  if (t.applicationCredential) body.application_credential = t.applicationCredential;
  if (t.oauth1) body['OS-OAUTH1'] = { access_token_id: t.oauth1.accessTokenId, consumer_id: t.oauth1.consumerId };
  // Keystone's v3 body carried `bind` when the token was bound; keystonemiddleware reads it there.
  if (t.payload.bind && Object.keys(t.payload.bind).length > 0) body.bind = t.payload.bind;
  return { token: body };
}
