/**
 * Token facts for every Keystone 22 payload version, written the way
 * Keystone's token model holds them (snake_case, ISO expiry), with both
 * UUID ids (packed as bytes) and free-form ids (packed as strings).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { TokenPayload } from '@keystone-ts/plugin-sdk';
import { isoToEpochSeconds } from '../../src/payloads/expiry-time';

export interface KeystoneFields {
  user_id: string;
  methods: string[];
  expires_at: string;
  audit_ids: string[];
  system?: string | null;
  domain_id?: string | null;
  project_id?: string | null;
  trust_id?: string | null;
  federated_group_ids?: string[] | null;
  identity_provider_id?: string | null;
  protocol_id?: string | null;
  access_token_id?: string | null;
  app_cred_id?: string | null;
}

export interface TokenSpec {
  name: string;
  version: number;
  fields: KeystoneFields;
}

const hex = () => randomUUID().replace(/-/g, '');
const audit = () => randomBytes(16).toString('base64url');

function base(over: Partial<KeystoneFields>): KeystoneFields {
  return { user_id: hex(), methods: ['password'], expires_at: '2031-05-17T10:20:30.000000Z', audit_ids: [audit()], ...over };
}

export function tokenSpecs(): TokenSpec[] {
  return [
    { name: 'unscoped', version: 0, fields: base({}) },
    { name: 'unscoped, LDAP user id, sub-second expiry, rescoped', version: 0, fields: base({ user_id: 'cn=Jane Doe,ou=people', expires_at: '2031-05-17T10:20:30.999999Z', audit_ids: [audit(), audit()] }) },
    { name: 'domain-scoped', version: 1, fields: base({ domain_id: hex(), methods: ['password', 'token'] }) },
    { name: 'domain-scoped, default domain', version: 1, fields: base({ domain_id: 'default' }) },
    { name: 'project-scoped', version: 2, fields: base({ project_id: hex(), methods: ['token', 'password', 'external'] }) },
    { name: 'project-scoped, non-uuid ids, ec2credential bit', version: 2, fields: base({ user_id: 'admin', project_id: 'my-project', methods: ['ec2credential'] }) },
    { name: 'trust-scoped', version: 3, fields: base({ project_id: hex(), trust_id: hex(), methods: ['token'] }) },
    { name: 'federated unscoped', version: 4, fields: base({ user_id: randomBytes(32).toString('hex'), methods: ['mapped'], federated_group_ids: [hex(), 'ldap-group'], identity_provider_id: 'myidp', protocol_id: 'saml2' }) },
    { name: 'federated unscoped, no groups, uuid idp', version: 4, fields: base({ methods: ['mapped', 'token'], federated_group_ids: [], identity_provider_id: hex(), protocol_id: 'openid' }) },
    { name: 'federated project-scoped', version: 5, fields: base({ methods: ['token'], project_id: hex(), federated_group_ids: [hex()], identity_provider_id: 'idp', protocol_id: 'mapped' }) },
    { name: 'federated domain-scoped', version: 6, fields: base({ methods: ['token'], domain_id: hex(), federated_group_ids: [hex(), hex()], identity_provider_id: 'idp', protocol_id: 'saml2' }) },
    { name: 'oauth1', version: 7, fields: base({ methods: ['oauth1'], project_id: hex(), access_token_id: hex() }) },
    { name: 'oauth1, non-uuid access token', version: 7, fields: base({ methods: ['oauth1'], project_id: hex(), access_token_id: 'tok-1' }) },
    { name: 'system-scoped', version: 8, fields: base({ system: 'all', methods: ['password', 'token'] }) },
    { name: 'application credential', version: 9, fields: base({ methods: ['application_credential'], project_id: hex(), app_cred_id: hex() }) },
    { name: 'application credential, oauth2_credential bit', version: 9, fields: base({ methods: ['oauth2_credential'], project_id: hex(), app_cred_id: 'ac' }) },
  ];
}

export function toTokenPayload(f: KeystoneFields): TokenPayload {
  return {
    userId: f.user_id,
    methods: f.methods,
    expiresAt: isoToEpochSeconds(f.expires_at),
    auditIds: f.audit_ids,
    systemScope: (f.system ?? null) as TokenPayload['systemScope'],
    domainId: f.domain_id ?? null,
    projectId: f.project_id ?? null,
    trustId: f.trust_id ?? null,
    federatedGroupIds: f.federated_group_ids ?? null,
    identityProviderId: f.identity_provider_id ?? null,
    protocolId: f.protocol_id ?? null,
    accessTokenId: f.access_token_id ?? null,
    appCredId: f.app_cred_id ?? null,
  };
}

/** Keystone's `validate_token` answer, as the oracle prints it. */
export interface KeystoneFacts {
  user_id: string;
  methods: string[];
  audit_ids: string[];
  system: string | null;
  domain_id: string | null;
  project_id: string | null;
  trust_id: string | null;
  federated_group_ids: string[] | null;
  identity_provider_id: string | null;
  protocol_id: string | null;
  access_token_id: string | null;
  app_cred_id: string | null;
  issued_at: string;
  expires_at: string;
  version: number;
  payload_hex: string;
}
