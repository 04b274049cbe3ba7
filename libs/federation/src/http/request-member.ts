import { ValidationError } from '@keystone-ts/plugin-sdk';

/**
 * The entity inside a request body (`{"identity_provider": {...}}`). As in
 * Keystone, an absent member reads as `{}`, so the member's own schema
 * decides whether that is acceptable.
 */
export function requestMember(body: unknown, key: string): unknown {
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError('Expecting to find valid input in the request. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.');
  }
  const member = (body as Record<string, unknown>)[key];
  return member === undefined ? {} : member;
}
