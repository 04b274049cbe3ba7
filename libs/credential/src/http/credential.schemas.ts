/** Keystone 22's credential/schema.py, restated. */
const credentialProperties = {
  blob: { type: 'string' },
  project_id: { type: 'string' },
  type: { type: 'string' },
  user_id: { type: 'string' },
};

export const credentialCreateSchema = {
  type: 'object',
  properties: credentialProperties,
  additionalProperties: true,
  oneOf: [
    { title: 'ec2 credential requires project_id', required: ['blob', 'type', 'user_id', 'project_id'], properties: { type: { enum: ['ec2'] } } },
    { title: 'non-ec2 credential does not require project_id', required: ['blob', 'type', 'user_id'], properties: { type: { not: { enum: ['ec2'] } } } },
  ],
};

/** Only the blob may change (type, owner and project are fixed once created). */
export const credentialUpdateSchema = {
  type: 'object',
  properties: { blob: credentialProperties.blob },
  additionalProperties: false,
  required: ['blob'],
};
