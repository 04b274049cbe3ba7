/**
 * Fields of the federated payloads: group ids (a list of (flag, id) pairs,
 * Keystone packs `group['id']`), identity provider (a (flag, id) pair) and
 * protocol (a plain string).
 */
import { MalformedPayload } from './payload-types';
import type { PyValue } from './python-msgpack';
import { decodeUtf8, isBytes, packId, unpackId } from './uuid-packing';

export function packGroupIds(groupIds: readonly string[] | null | undefined): PyValue[] {
  if (!groupIds) throw new Error('a federated token needs its group ids (possibly empty)');
  return groupIds.map((id) => packId(id));
}

export function unpackGroupIds(v: unknown): string[] {
  if (!Array.isArray(v)) throw new MalformedPayload('group ids are not a list');
  return v.map((pair) => {
    const id = unpackId(pair);
    if (id === null) throw new MalformedPayload('group id is missing');
    return id;
  });
}

export function packProtocol(protocolId: string | null | undefined): PyValue {
  return protocolId ?? null;
}

export function unpackProtocol(v: unknown): string | null {
  if (isBytes(v)) return decodeUtf8(v);
  if (v === null || typeof v === 'string') return v;
  throw new MalformedPayload('protocol id is not a string');
}
