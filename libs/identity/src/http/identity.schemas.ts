/** Request bodies of the users and groups API (Keystone 22's identity/schema.py, restated). */
const idString = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[^\\s]+$' };
const nullableIdString = { type: ['string', 'null'], minLength: 1, maxLength: 64 };
const description = { type: ['string', 'null'] };
const name = { type: 'string', minLength: 1, maxLength: 255, pattern: '[\\S]+' };
const boolean = { type: 'boolean' };

const userOptions = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ignore_change_password_upon_first_use: { type: ['boolean', 'null'] },
    ignore_password_expiry: { type: ['boolean', 'null'] },
    ignore_lockout_failure_attempts: { type: ['boolean', 'null'] },
    lock_password: { type: ['boolean', 'null'] },
    ignore_user_inactivity: { type: ['boolean', 'null'] },
    multi_factor_auth_rules: {
      type: ['array', 'null'],
      items: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
      uniqueItems: true,
    },
    multi_factor_auth_enabled: { type: ['boolean', 'null'] },
  },
};

const federated = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      idp_id: { type: 'string' },
      protocols: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: { protocol_id: { type: 'string' }, unique_id: { type: 'string' } },
          required: ['protocol_id', 'unique_id'],
        },
      },
    },
    required: ['idp_id', 'protocols'],
  },
};

const userProperties = {
  default_project_id: nullableIdString,
  description,
  domain_id: idString,
  enabled: boolean,
  federated,
  name,
  password: { type: ['string', 'null'] },
  options: userOptions,
};

export const userCreateSchema = { type: 'object', properties: userProperties, required: ['name'], additionalProperties: true };
export const userUpdateSchema = { type: 'object', properties: userProperties, minProperties: 1, additionalProperties: true };

const groupProperties = { description, domain_id: idString, name };
export const groupCreateSchema = { type: 'object', properties: groupProperties, required: ['name'], additionalProperties: true };
export const groupUpdateSchema = { type: 'object', properties: groupProperties, minProperties: 1, additionalProperties: true };

export const passwordChangeSchema = {
  type: 'object',
  properties: { original_password: { type: 'string' }, password: { type: 'string' } },
  required: ['original_password', 'password'],
  additionalProperties: false,
};

/** Every request body must be an object wrapping the entity: `{"user": {...}}`. */
export function wrapped(key: string, inner: object) {
  return { type: 'object', properties: { [key]: inner }, required: [key] };
}
