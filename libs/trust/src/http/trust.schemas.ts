/** Keystone's trust_create schema (keystone/trust/schema.py), restated. */
const idString = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9-]+$' };
const externalIdString = { type: 'string', minLength: 1, maxLength: 64 };
const name = { type: 'string', minLength: 1, maxLength: 255, pattern: '[\\S]+' };

const trustProperties = {
  trustor_user_id: externalIdString,
  trustee_user_id: externalIdString,
  impersonation: { type: 'boolean' },
  project_id: { anyOf: [idString, { type: 'null' }] },
  remaining_uses: { type: ['integer', 'null'], minimum: 1 },
  expires_at: { type: ['null', 'string'] },
  allow_redelegation: { type: ['boolean', 'null'] },
  redelegation_count: { type: ['integer', 'null'], minimum: 0 },
  roles: {
    type: 'array',
    items: {
      type: 'object',
      properties: { id: idString, name },
      minProperties: 1,
      maxProperties: 1,
      additionalProperties: false,
    },
  },
};

export const trustCreateSchema = {
  type: 'object',
  properties: {
    trust: {
      type: 'object',
      properties: trustProperties,
      required: ['trustor_user_id', 'trustee_user_id', 'impersonation'],
      additionalProperties: true,
    },
  },
  required: ['trust'],
};

export interface TrustCreateBody {
  trustor_user_id: string;
  trustee_user_id: string;
  impersonation: boolean;
  project_id?: string | null;
  remaining_uses?: number | null;
  expires_at?: string | null;
  allow_redelegation?: boolean | null;
  redelegation_count?: number | null;
  roles?: ({ id: string } | { name: string })[];
  [extra: string]: unknown;
}
