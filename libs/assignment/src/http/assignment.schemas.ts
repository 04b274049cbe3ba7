/** Request bodies of the roles API (Keystone 22's assignment/schema.py, restated). */
const name = { type: 'string', minLength: 1, maxLength: 255, pattern: '[\\S]+' };
// Keystone's parameter_types.description: a string, not nullable for roles.
const description = { type: 'string' };
const roleOptions = {
  type: 'object',
  properties: { immutable: { type: ['boolean', 'null'], enum: [true, false, null] } },
  additionalProperties: false,
};
const roleProperties = { name, description, options: roleOptions };

export const roleCreateSchema = { type: 'object', properties: roleProperties, required: ['name'], additionalProperties: true };
export const roleUpdateSchema = { type: 'object', properties: roleProperties, minProperties: 1, additionalProperties: true };

/**
 * Keystone reads `body.get('role', {})` and validates that; a body that is
 * not an object, or lacks the key, validates as an empty role.
 */
export function roleOf(body: unknown): unknown {
  if (body && typeof body === 'object' && !Array.isArray(body) && 'role' in body) return (body as { role: unknown }).role;
  return {};
}
