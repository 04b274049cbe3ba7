/**
 * Every Keystone 22 payload version, and the choice of version for a token,
 * in the order Keystone's fernet provider makes it
 * (`_determine_payload_class_from_token`).
 */
import type { TokenPayload } from '@keystone-ts/plugin-sdk';
import { applicationCredentialScopedPayload } from './application-credential-scoped.payload';
import { domainScopedPayload } from './domain-scoped.payload';
import { federatedDomainScopedPayload, federatedProjectScopedPayload } from './federated-scoped.payload';
import { federatedUnscopedPayload } from './federated-unscoped.payload';
import { oauthScopedPayload } from './oauth-scoped.payload';
import type { PayloadFormatter } from './payload-types';
import { projectScopedPayload } from './project-scoped.payload';
import { systemScopedPayload } from './system-scoped.payload';
import { trustScopedPayload } from './trust-scoped.payload';
import { unscopedPayload } from './unscoped.payload';

export const PAYLOAD_FORMATTERS: readonly PayloadFormatter[] = [
  unscopedPayload,
  domainScopedPayload,
  projectScopedPayload,
  trustScopedPayload,
  federatedUnscopedPayload,
  federatedProjectScopedPayload,
  federatedDomainScopedPayload,
  oauthScopedPayload,
  systemScopedPayload,
  applicationCredentialScopedPayload,
];

const BY_VERSION = new Map(PAYLOAD_FORMATTERS.map((f) => [f.version, f]));

export function formatterForVersion(version: number): PayloadFormatter | undefined {
  return BY_VERSION.get(version);
}

const isSet = (v: unknown): boolean => v !== null && v !== undefined;

/**
 * Keystone tests "is not None" for every scope, except the application
 * credential, which it tests for truthiness; a federated token is one that
 * carries a group list (that is how Keystone marks it when it decodes one).
 */
export function selectFormatter(p: TokenPayload): PayloadFormatter {
  const projectScoped = isSet(p.projectId);
  const domainScoped = isSet(p.domainId);
  if (isSet(p.accessTokenId)) return oauthScopedPayload;
  if (isSet(p.trustId)) return trustScopedPayload;
  if (isSet(p.federatedGroupIds)) {
    if (projectScoped) return federatedProjectScopedPayload;
    if (domainScoped) return federatedDomainScopedPayload;
    if (!isSet(p.systemScope)) return federatedUnscopedPayload;
    // Keystone has no federated system-scoped payload and fails here too.
    throw new Error('a federated token cannot be system-scoped');
  }
  if (p.appCredId) return applicationCredentialScopedPayload;
  if (projectScoped) return projectScopedPayload;
  if (domainScoped) return domainScopedPayload;
  if (isSet(p.systemScope)) return systemScopedPayload;
  return unscopedPayload;
}
