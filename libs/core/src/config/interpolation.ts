/**
 * oslo.config interpolation: `$name` / `${name}` refer to an option of the
 * same group or of [DEFAULT], `$group.name` / `${group.name}` to another
 * group's option, `$$` is a literal `$`. `lookup` returns the already
 * interpolated string value or undefined.
 */
export function interpolate(
  value: string,
  group: string,
  lookup: (group: string, name: string) => string | undefined,
  seen: Set<string> = new Set(),
): string {
  return value.replace(/\$\$|\$\{([A-Za-z0-9_.]+)\}|\$([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)?)/g, (m, braced, bare) => {
    if (m === '$$') return '$';
    const ref: string = braced ?? bare;
    const [g, n] = ref.includes('.') ? ref.split('.', 2) : [null, ref];
    const candidates: [string, string][] = g ? [[g, n]] : [[group, n], ['DEFAULT', n]];
    for (const [cg, cn] of candidates) {
      const key = `${cg}.${cn}`;
      if (seen.has(key)) {
        throw new Error(`circular reference in $${ref}`);
      }
      const found = lookup(cg, cn);
      if (found !== undefined) {
        return interpolate(found, cg, lookup, new Set([...seen, key]));
      }
    }
    throw new Error(`$${ref} refers to an unknown option`);
  });
}
