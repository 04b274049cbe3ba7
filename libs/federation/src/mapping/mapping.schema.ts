import Ajv, { type ErrorObject } from 'ajv';
import { ValidationError } from '@keystone-ts/plugin-sdk';

/** User types a mapping may produce. */
export const USER_TYPES = ['ephemeral', 'local'] as const;

const roleList = {
  type: 'array',
  items: {
    type: 'object',
    required: ['name'],
    // Keystone's schema nests `additionalProperties` inside `properties` (so it is a property name, not a rule); kept as is.
    properties: { name: { type: 'string' }, additionalProperties: false },
  },
};

const remoteMatcher = (keyword: string) => ({
  type: 'object',
  additionalProperties: false,
  required: ['type', keyword],
  properties: { type: { type: 'string' }, [keyword]: { type: 'array' }, regex: { type: 'boolean' } },
});

/** Keystone's MAPPING_SCHEMA (keystone/federation/utils.py), jsonschema draft 4. */
export const MAPPING_SCHEMA = {
  type: 'object',
  required: ['rules'],
  properties: {
    rules: {
      minItems: 1,
      type: 'array',
      items: {
        type: 'object',
        required: ['local', 'remote'],
        additionalProperties: false,
        properties: {
          local: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                user: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    name: { type: 'string' },
                    email: { type: 'string' },
                    domain: { $ref: '#/definitions/domain' },
                    type: { type: 'string', enum: [...USER_TYPES] },
                  },
                  additionalProperties: false,
                },
                projects: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['name', 'roles'],
                    additionalProperties: false,
                    properties: { name: { type: 'string' }, roles: roleList },
                  },
                },
                group: { type: 'object', oneOf: [{ $ref: '#/definitions/group_by_id' }, { $ref: '#/definitions/group_by_name' }] },
                groups: { type: 'string' },
                group_ids: { type: 'string' },
                domain: { $ref: '#/definitions/domain' },
              },
            },
          },
          remote: {
            minItems: 1,
            type: 'array',
            items: {
              type: 'object',
              oneOf: [
                { $ref: '#/definitions/empty' },
                { $ref: '#/definitions/any_one_of' },
                { $ref: '#/definitions/not_any_of' },
                { $ref: '#/definitions/blacklist' },
                { $ref: '#/definitions/whitelist' },
              ],
            },
          },
        },
      },
    },
  },
  definitions: {
    empty: { type: 'object', required: ['type'], properties: { type: { type: 'string' } }, additionalProperties: false },
    any_one_of: remoteMatcher('any_one_of'),
    not_any_of: remoteMatcher('not_any_of'),
    blacklist: remoteMatcher('blacklist'),
    whitelist: remoteMatcher('whitelist'),
    domain: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, additionalProperties: false },
    group_by_id: { type: 'object', properties: { id: { type: 'string' } }, additionalProperties: false, required: ['id'] },
    group_by_name: {
      type: 'object',
      properties: { name: { type: 'string' }, domain: { $ref: '#/definitions/domain' } },
      additionalProperties: false,
      required: ['name', 'domain'],
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
const validate = ajv.compile(MAPPING_SCHEMA);

/**
 * Checks a mapping against Keystone's schema. Like Keystone, every problem is
 * reported, one per line, in jsonschema's wording, sorted.
 * @throws ValidationError (400)
 */
export function validateMappingStructure(mapping: unknown): { rules: unknown[] } {
  if (validate(mapping)) return mapping as { rules: unknown[] };
  const errors = validate.errors ?? [];
  // jsonschema reports a failed oneOf once, not why each of its branches failed.
  const failedOneOf = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath);
  const insideBranch = (e: ErrorObject) =>
    e.keyword !== 'oneOf' &&
    (/\/oneOf\/\d+/.test(e.schemaPath) || e.schemaPath.startsWith('#/definitions/')) &&
    failedOneOf.some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`));
  const messages = errors
    .filter((e) => !insideBranch(e))
    .map((e) => describe(e, mapping))
    .sort();
  const unique = [...new Set(messages)];
  throw new ValidationError(unique.map((m) => `${m}\n`).join('') || 'Invalid mapping.');
}

function describe(e: ErrorObject, root: unknown): string {
  const value = valueAt(root, e.instancePath);
  switch (e.keyword) {
    case 'required':
      return `'${(e.params as { missingProperty: string }).missingProperty}' is a required property`;
    case 'additionalProperties':
      return `Additional properties are not allowed ('${(e.params as { additionalProperty: string }).additionalProperty}' was unexpected)`;
    case 'type':
      return `${pyRepr(value)} is not of type ${[e.params.type].flat().map((t) => `'${String(t)}'`).join(', ')}`;
    case 'minItems':
      return `${pyRepr(value)} is too short`;
    case 'oneOf':
      return `${pyRepr(value)} is not valid under any of the given schemas`;
    case 'enum':
      return `${pyRepr(value)} is not one of ${pyRepr((e.params as { allowedValues: unknown[] }).allowedValues)}`;
    default:
      return `${pyRepr(value)}: ${e.message ?? 'is invalid'}`;
  }
}

function valueAt(root: unknown, pointer: string): unknown {
  let v = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v;
}

/** Python's repr of a JSON value, as jsonschema's messages show it. */
function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  return String(v);
}
