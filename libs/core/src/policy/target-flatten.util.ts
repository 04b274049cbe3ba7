/**
 * Keystone flattens the policy target before enforcement (keystone.common.utils
 * .flatten_dict): `{target: {user: {id: 1}}}` becomes `{'target.user.id': 1}`,
 * which is what `%(target.user.id)s` looks up. Lists are kept whole.
 */
import { isPyDict } from './python-value.util';

/** Flattens nested objects into dotted keys; already-flat input passes through unchanged. */
export function flattenTarget(target: Readonly<Record<string, unknown>>): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  const walk = (obj: Readonly<Record<string, unknown>>, prefix: string): void => {
    for (const [key, value] of Object.entries(obj)) {
      if (value === undefined) continue;
      const name = prefix === '' ? key : `${prefix}.${key}`;
      if (isPyDict(value)) {
        walk(value, name);
      } else {
        // A later key wins over an earlier identical dotted key but keeps its place, as in dict(items).
        flat.set(name, value);
      }
    }
  };
  walk(target, '');
  return flat;
}
