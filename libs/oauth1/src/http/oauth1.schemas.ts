/** Request bodies of OS-OAUTH1 (Keystone's oauth1/schema.py, restated). */
const consumerProperties = { description: { type: ['string', 'null'] } };

export const consumerCreateSchema = {
  type: 'object',
  properties: { consumer: { type: 'object', properties: consumerProperties, additionalProperties: true } },
};

export const consumerUpdateSchema = {
  type: 'object',
  properties: {
    consumer: { type: 'object', properties: consumerProperties, not: { required: ['secret'] }, minProperties: 1, additionalProperties: true },
  },
  required: ['consumer'],
};

export const authorizeSchema = {
  type: 'object',
  properties: {
    roles: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9-]+$' },
          name: { type: 'string', minLength: 1, maxLength: 255, pattern: '[\\S]+' },
        },
        minProperties: 1,
        maxProperties: 1,
        additionalProperties: false,
      },
    },
  },
};
