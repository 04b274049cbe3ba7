import { ValidationError } from '@keystone-ts/plugin-sdk';

/** Request bodies of /v3/domains and /v3/projects (Keystone 22's resource/schema.py, restated). */
const idString = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9-]+$' };
const nullable = (s: { type: string }) => ({ ...s, type: [s.type, 'null'] });
const boolean = { type: 'boolean' };
const description = { type: ['string', 'null'] };
// Project and domain names are VARCHAR(64) in Keystone's schema, hence not the usual 255.
const name = { type: 'string', minLength: 1, maxLength: 64, pattern: '[\\S]+' };

/** Tags follow the API-WG guideline: no '/' and no ','. */
export const projectTagSchema = { type: 'string', minLength: 1, maxLength: 255, pattern: '^[^,/]*$' };
export const projectTagsSchema = { type: 'array', items: projectTagSchema, maxItems: 80, uniqueItems: true };

/** PROJECT_OPTIONS_REGISTRY.json_schema: every option nullable, no unknown ones. */
const projectOptions = {
  type: 'object',
  properties: { immutable: { type: ['boolean', 'null'] } },
  additionalProperties: false,
};

const projectProperties = {
  description,
  domain_id: nullable(idString),
  enabled: boolean,
  is_domain: boolean,
  parent_id: nullable(idString),
  name,
  tags: projectTagsSchema,
  options: projectOptions,
};

export const projectCreateSchema = { type: 'object', properties: projectProperties, required: ['name'], additionalProperties: true };
export const projectUpdateSchema = { type: 'object', properties: projectProperties, minProperties: 1, additionalProperties: true };

const domainProperties = { description, enabled: boolean, name, tags: projectTagsSchema };

export const domainCreateSchema = { type: 'object', properties: domainProperties, required: ['name'], additionalProperties: true };
export const domainUpdateSchema = { type: 'object', properties: domainProperties, minProperties: 1, additionalProperties: true };

/**
 * Keystone reads `body.get('<key>', {})` and validates that, so a missing
 * wrapper fails on the member's own rules ("'name' is a required property").
 * A body that is not a JSON object is a 400 (Keystone fails with a 500).
 */
export function memberOf(body: unknown, key: string): unknown {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError(
      'Expecting to find valid input in the request. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.',
    );
  }
  const inner = (body as Record<string, unknown>)[key];
  return inner === undefined ? {} : inner;
}

/** Keystone's `_normalize_dict`: attribute names with ':' or '-' get '_'. */
export function normalizeKeys(d: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [k.replace(/[:-]/g, '_'), v]));
}

/** POST /v3/domains `explicit_domain_id`: exactly `uuid.UUID(id).hex`, 32 lower-case hex digits. */
export function assertExplicitDomainId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || !/^[0-9a-f]{32}$/.test(id)) {
    throw new ValidationError('Domain ID does not conform to required UUID format.');
  }
}
