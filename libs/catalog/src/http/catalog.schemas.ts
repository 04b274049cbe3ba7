/** Request bodies of the catalog APIs (Keystone 22's catalog/schema.py, restated). */
const boolean = { type: 'boolean', enum: [true, false] };
const name = { type: 'string', minLength: 1, maxLength: 255, pattern: '[\\S]+' };
const nullableDescription = { type: ['string', 'null'] };
// Lenient on purpose (rfc1738 section 2.1), as Keystone's parameter_types.url.
const url = { type: 'string', minLength: 0, maxLength: 225, pattern: '^[a-zA-Z0-9+.-]+:.+' };

const regionProperties = {
  description: nullableDescription,
  // Regions take the id a client chooses (PUT, or POST with an id).
  id: { type: 'string' },
  parent_region_id: { type: ['string', 'null'] },
};
export const regionCreateSchema = { type: 'object', properties: regionProperties, additionalProperties: true };
export const regionUpdateSchema = { type: 'object', properties: regionProperties, minProperties: 1, additionalProperties: true };

const serviceProperties = { enabled: boolean, name, type: { type: 'string', minLength: 1, maxLength: 255 } };
export const serviceCreateSchema = { type: 'object', properties: serviceProperties, required: ['type'], additionalProperties: true };
export const serviceUpdateSchema = { type: 'object', properties: serviceProperties, minProperties: 1, additionalProperties: true };

const endpointProperties = {
  enabled: boolean,
  interface: { type: 'string', enum: ['admin', 'internal', 'public'] },
  region_id: { type: 'string' },
  region: { type: 'string' },
  service_id: { type: 'string' },
  url,
};
export const endpointCreateSchema = { type: 'object', properties: endpointProperties, required: ['interface', 'service_id', 'url'], additionalProperties: true };
export const endpointUpdateSchema = { type: 'object', properties: endpointProperties, minProperties: 1, additionalProperties: true };

const endpointGroupProperties = { description: nullableDescription, filters: { type: 'object' }, name };
export const endpointGroupCreateSchema = { type: 'object', properties: endpointGroupProperties, required: ['name', 'filters'] };
export const endpointGroupUpdateSchema = { type: 'object', properties: endpointGroupProperties, minProperties: 1 };

/** Every request body must be an object wrapping the entity: `{"region": {...}}`. */
export function wrapped(key: string, inner: object) {
  return { type: 'object', properties: { [key]: inner }, required: [key] };
}

/** Keystone's `_normalize_dict` on create: `os-foo:bar` keys become `os_foo_bar`. */
export function normalizeKeys(ref: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(ref).map(([k, v]) => [k.replace(/[:-]/g, '_'), v]));
}
