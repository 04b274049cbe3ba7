import type { DriverHints, HintFilter } from '@keystone-ts/plugin-sdk';

/**
 * Escapes a value for use inside an LDAP filter assertion (RFC 4515 §3):
 * `*`, `(`, `)`, `\` and NUL become `\2a`, `\28`, `\29`, `\5c`, `\00`, so
 * client input can never add wildcards or filter structure.
 */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** `(&t1 t2 …)` of the non-empty terms; a single term stays as it is; none gives ''. */
export function and(...terms: (string | null | undefined)[]): string {
  const present = terms.filter((t): t is string => typeof t === 'string' && t !== '');
  if (present.length <= 1) return present[0] ?? '';
  return `(&${present.join('')})`;
}

/** `(|t1 t2 …)` of the terms; a single term stays as it is. */
export function or(terms: string[]): string {
  return terms.length === 1 ? terms[0] : `(|${terms.join('')})`;
}

export function equals(attribute: string, value: string): string {
  return `(${attribute}=${escapeFilterValue(value)})`;
}

export function present(attribute: string): string {
  return `(${attribute}=*)`;
}

/** Active Directory's transitive membership match (LDAP_MATCHING_RULE_IN_CHAIN). */
export const MATCHING_RULE_IN_CHAIN = '1.2.840.113556.1.4.1941';

export function inChain(attribute: string, dn: string): string {
  return `(${attribute}:${MATCHING_RULE_IN_CHAIN}:=${escapeFilterValue(dn)})`;
}

const PATTERNS: Partial<Record<HintFilter['comparator'], (v: string) => string>> = {
  equals: (v) => v,
  contains: (v) => `*${v}*`,
  startswith: (v) => `${v}*`,
  endswith: (v) => `*${v}`,
};

/** Keystone attribute → LDAP attribute (null: not stored in the directory). */
export type AttributeMap = Readonly<Record<string, string | null>>;

/**
 * The LDAP terms for a listing's filters, as Keystone's `filter_query`.
 * Case-insensitive filters on mapped attributes are answered by the server
 * and removed from the hints. Case-sensitive ones are sent too, since the
 * directory's case-ignoring match returns a superset, but stay in the hints
 * for the manager's exact comparison. `enabled` (which may be emulated,
 * inverted or masked), passwords, ignored attributes and empty values are
 * left to the manager.
 */
export function hintTerms(hints: DriverHints, mapping: AttributeMap, ignored: readonly string[]): string[] {
  const terms: string[] = [];
  for (const f of [...hints.filters]) {
    if (f.name === 'enabled' || f.name === 'password' || ignored.includes(f.name)) continue;
    const attribute = Object.prototype.hasOwnProperty.call(mapping, f.name) ? mapping[f.name] : null;
    const pattern = PATTERNS[f.comparator];
    if (!attribute || !pattern || typeof f.value !== 'string' || f.value === '') continue;
    terms.push(`(${attribute}=${pattern(escapeFilterValue(f.value))})`);
    if (!f.caseSensitive) hints.removeFilter(f);
  }
  return terms;
}
