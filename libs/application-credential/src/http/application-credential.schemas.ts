import { types } from '@keystone-ts/core';

/** Keystone's application_credential_create schema, restated. */
const roleList = {
  type: 'array',
  items: {
    type: 'object',
    properties: { id: types.id, name: types.name },
    minProperties: 1,
    maxProperties: 1,
    additionalProperties: false,
  },
};

const accessRuleList = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      path: { type: 'string', minLength: 0, maxLength: 225, pattern: '^\\/.*' },
      method: { type: 'string', pattern: '^(POST|GET|HEAD|PATCH|PUT|DELETE)$' },
      service: types.id,
      id: types.id,
    },
    additionalProperties: false,
  },
};

export const createApplicationCredentialSchema = {
  type: 'object',
  properties: {
    application_credential: {
      type: 'object',
      properties: {
        name: types.name,
        description: { type: ['string', 'null'] },
        secret: { type: ['null', 'string'] },
        expires_at: { type: ['null', 'string'] },
        roles: roleList,
        unrestricted: types.boolean,
        access_rules: accessRuleList,
      },
      required: ['name'],
      additionalProperties: true,
    },
  },
  required: ['application_credential'],
};

export interface ApplicationCredentialBody {
  name: string;
  description?: string | null;
  secret?: string | null;
  expires_at?: string | null;
  roles?: ({ id: string } | { name: string })[];
  unrestricted?: boolean;
  access_rules?: { id?: string; service?: string; path?: string; method?: string }[];
}
