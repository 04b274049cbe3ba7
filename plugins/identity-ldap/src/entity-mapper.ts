import type { EnabledSettings, EntitySchema } from './ldap-settings';

/** A search result entry: attribute names lower-cased (servers may answer in any case), values as text. */
export interface LdapEntry {
  dn: string;
  attributes: ReadonlyMap<string, readonly string[]>;
}

/** ldapts' entry shape → LdapEntry. */
export function toLdapEntry(raw: { dn: string; [attribute: string]: unknown }): LdapEntry {
  const attributes = new Map<string, string[]>();
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'dn') continue;
    const values = (Array.isArray(value) ? value : [value]).map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)));
    attributes.set(name.toLowerCase(), [...(attributes.get(name.toLowerCase()) ?? []), ...values]);
  }
  return { dn: raw.dn, attributes };
}

export function firstValue(entry: LdapEntry, attribute: string | null): string | undefined {
  return attribute ? entry.attributes.get(attribute.toLowerCase())?.[0] : undefined;
}

/** What to ask the server for: the ID, every mapped attribute and the additional ones (never the password). */
export function requestedAttributes(schema: EntitySchema, more: readonly string[] = []): string[] {
  const names = [schema.idAttribute, ...more];
  for (const [key, ldapAttr] of Object.entries(schema.mapping)) {
    if (ldapAttr && key !== 'password') names.push(ldapAttr);
  }
  names.push(...Object.keys(schema.extra));
  return [...new Set(names)];
}

/**
 * Keystone skips entries whose name attribute is missing, empty or blank
 * (they could not be addressed by name).
 */
export function hasName(entry: LdapEntry, schema: EntitySchema): boolean {
  const name = firstValue(entry, schema.mapping.name);
  return name !== undefined && name.trim() !== '';
}

/**
 * The Keystone attributes of an entry: `id`, then each mapped attribute the
 * entry has (ignored ones skipped), then the additional mappings. `idFromDn`
 * resolves a multi-valued ID attribute as Keystone does (from the DN).
 */
export function mapAttributes(entry: LdapEntry, schema: EntitySchema, idFromDn: (dn: string) => string | null): Record<string, string> & { id: string } {
  const ids = entry.attributes.get(schema.idAttribute.toLowerCase()) ?? [];
  const id = ids.length > 1 ? (idFromDn(entry.dn) ?? ids[0]) : ids[0];
  const out: Record<string, string> & { id: string } = { id };
  for (const [key, ldapAttr] of Object.entries(schema.mapping)) {
    if (key === 'password' || schema.ignored.includes(key)) continue;
    const value = firstValue(entry, ldapAttr);
    if (value !== undefined) out[key] = value;
  }
  for (const [ldapAttr, key] of Object.entries(schema.extra)) {
    if (schema.ignored.includes(key) || key in out) continue;
    const value = firstValue(entry, ldapAttr);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * The user's `enabled` from its attribute, as Keystone reads it: with a mask,
 * disabled when all mask bits are set in the integer value; otherwise TRUE/
 * "true" (any case) or a non-zero integer mean enabled, optionally inverted.
 * `undefined` when enabled is emulated (the caller decides from membership).
 */
export function enabledFromAttribute(raw: string | undefined, schema: EntitySchema, s: EnabledSettings): boolean | undefined {
  if (s.mask !== 0) {
    const value = toInt(raw ?? s.default) ?? toInt(s.default) ?? 0;
    return (value & s.mask) !== s.mask;
  }
  if (s.emulation && !schema.ignored.includes('enabled')) return undefined;
  if (schema.ignored.includes('enabled')) return true;
  const truth = truthy(raw ?? s.default);
  return s.invert ? !truth : truth;
}

function truthy(v: string): boolean {
  const t = v.trim();
  if (/^-?\d+$/.test(t)) return Number(t) !== 0;
  return t.toLowerCase() === 'true';
}

function toInt(v: string): number | null {
  const t = v.trim();
  return /^-?\d+$/.test(t) ? Number(t) : null;
}
