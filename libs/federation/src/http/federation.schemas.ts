/**
 * Request bodies of OS-FEDERATION (Keystone's federation/schema.py, restated).
 * Each schema applies to the member object (`identity_provider`, ...), as
 * Keystone validates it.
 */
const nullable = (schema: Record<string, unknown>) => ({ ...schema, type: [schema.type as string, 'null'] });

const boolean = { type: 'boolean' };
const description = { type: 'string' };
const idString = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9-]+$' };
const mappingIdString = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9-_]+$' };
const integerMin0 = { type: 'integer', minimum: 0 };
// Lenient on purpose (RFC 1738 2.1): a scheme, a colon, something.
const url = { type: 'string', minLength: 0, maxLength: 225, pattern: '^[a-zA-Z0-9+.-]+:.+' };
const remoteIds = { type: ['array', 'null'], items: { type: 'string' }, uniqueItems: true };

const idpUpdateProperties = {
  enabled: boolean,
  description: nullable(description),
  authorization_ttl: nullable(integerMin0),
  remote_ids: remoteIds,
};

export const identityProviderCreateSchema = {
  type: 'object',
  properties: { ...idpUpdateProperties, domain_id: nullable(idString) },
  additionalProperties: false,
};

export const identityProviderUpdateSchema = {
  type: 'object',
  properties: idpUpdateProperties,
  minProperties: 1,
  additionalProperties: false,
};

const protocolProperties = {
  mapping_id: mappingIdString,
  remote_id_attribute: { type: 'string', maxLength: 64 },
};

export const protocolCreateSchema = {
  type: 'object',
  properties: protocolProperties,
  required: ['mapping_id'],
  additionalProperties: false,
};

export const protocolUpdateSchema = {
  type: 'object',
  properties: protocolProperties,
  minProperties: 1,
  additionalProperties: false,
};

const serviceProviderProperties = {
  auth_url: url,
  sp_url: url,
  description: nullable(description),
  enabled: boolean,
  relay_state_prefix: nullable(description),
};

export const serviceProviderCreateSchema = {
  type: 'object',
  properties: serviceProviderProperties,
  required: ['auth_url', 'sp_url'],
  additionalProperties: false,
};

export const serviceProviderUpdateSchema = {
  type: 'object',
  properties: serviceProviderProperties,
  minProperties: 1,
  additionalProperties: false,
};
