import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { ValidationError } from '@keystone-ts/plugin-sdk';

const ajv = new Ajv({ allErrors: false, strict: false, coerceTypes: false });
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Validates a request body against a JSON schema (Keystone's own schemas are
 * jsonschema draft 4; ajv reads them), raising Keystone's 400 wording.
 */
export function validateBody<T>(schema: object, body: unknown): T {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  if (!fn(body)) {
    throw toValidationError(fn.errors?.[0], body);
  }
  return body as T;
}

function toValidationError(e: ErrorObject | undefined, body: unknown): ValidationError {
  if (!e) return new ValidationError();
  const path = e.instancePath.split('/').filter(Boolean).join('.');
  if (body === undefined || body === null) {
    return new ValidationError('Expecting to find valid input in the request. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.');
  }
  switch (e.keyword) {
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      return new ValidationError(`Invalid input for field '${path || missing}': '${missing}' is a required property`);
    }
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      return new ValidationError(`Invalid input for field '${path || extra}': Additional properties are not allowed ('${extra}' was unexpected)`);
    }
    default:
      return new ValidationError(`Invalid input for field '${path || '/'}': ${e.message ?? 'is invalid'}`);
  }
}

/** Common schema fragments, as Keystone's `parameter_types`. */
export const types = {
  id: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9-]+$' },
  idString: { type: 'string', minLength: 1, maxLength: 64 },
  name: { type: 'string', minLength: 1, maxLength: 255, pattern: '[\\S]+' },
  nullableIdString: { type: ['string', 'null'], minLength: 1, maxLength: 64 },
  description: { type: ['string', 'null'] },
  boolean: { type: 'boolean' },
  url: { type: 'string', minLength: 0, maxLength: 225 },
  email: { type: ['string', 'null'], format: 'email' },
} as const;
