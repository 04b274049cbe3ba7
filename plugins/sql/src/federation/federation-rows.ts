import { ValidationError, type FederationProtocolRecord, type IdentityProviderRecord, type MappingRecord, type ServiceProviderRecord } from '@keystone-ts/plugin-sdk';
import { fromDbBool } from '../common/sql-values';

/** Widths of the federation tables' string columns (Keystone's model). */
const WIDTHS = {
  identity_provider: { id: 64, domain_id: 64 },
  idp_remote_ids: { remote_id: 255 },
  federation_protocol: { id: 64, idp_id: 64, mapping_id: 64, remote_id_attribute: 64 },
  mapping: { id: 64 },
  service_provider: { id: 64, auth_url: 256, sp_url: 256, relay_state_prefix: 256 },
} as const;

/** A value longer than its column is the client's error (PostgreSQL would refuse it), with Keystone's StringLengthExceeded wording. */
export function assertFits(table: keyof typeof WIDTHS, values: Record<string, unknown>): void {
  for (const [column, width] of Object.entries(WIDTHS[table])) {
    const v = values[column];
    const list = Array.isArray(v) ? v : [v];
    for (const s of list) {
      if (typeof s === 'string' && s.length > width) {
        throw new ValidationError(`String length exceeded. The length of string '${s}' exceeds the limit of column ${column}(CHAR(${width})).`);
      }
    }
  }
}

export function toIdp(row: Record<string, unknown>, remoteIds: string[]): IdentityProviderRecord {
  return {
    id: row.id as string,
    domain_id: row.domain_id as string,
    enabled: fromDbBool(row.enabled) ?? false,
    description: (row.description as string | null) ?? null,
    remote_ids: [...remoteIds].sort(),
    authorization_ttl: row.authorization_ttl === null || row.authorization_ttl === undefined ? null : Number(row.authorization_ttl),
  };
}

export function toProtocol(row: Record<string, unknown>): FederationProtocolRecord {
  return {
    id: row.id as string,
    idp_id: row.idp_id as string,
    mapping_id: row.mapping_id as string,
    remote_id_attribute: (row.remote_id_attribute as string | null) ?? null,
  };
}

/**
 * Keystone serialises the rules to JSON and then stores that string in a
 * JsonBlob column, which serialises it again: the column holds a JSON string
 * whose content is the rules' JSON. Rows written once-encoded are read too.
 */
export function encodeRules(rules: unknown[]): string {
  return JSON.stringify(JSON.stringify(rules));
}

export function toMapping(row: Record<string, unknown>): MappingRecord {
  let rules: unknown = [];
  try {
    rules = JSON.parse(String(row.rules));
    if (typeof rules === 'string') rules = JSON.parse(rules);
  } catch {
    rules = [];
  }
  return { id: row.id as string, rules: Array.isArray(rules) ? rules : [] };
}

export function toSp(row: Record<string, unknown>): ServiceProviderRecord {
  return {
    id: row.id as string,
    enabled: fromDbBool(row.enabled) ?? false,
    description: (row.description as string | null) ?? null,
    auth_url: row.auth_url as string,
    sp_url: row.sp_url as string,
    relay_state_prefix: row.relay_state_prefix as string,
  };
}
